import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The committer time of a clone's last commit (`git log -1 --format=%cI`). A clone made by another user is still
 * read (`safe.directory`); no git, no commit or a broken clone gives the reason instead.
 */
export async function lastCommitTime(repo: string): Promise<{ at: Date } | { reason: string }> {
  try {
    const { stdout } = await run('git', ['-c', 'safe.directory=*', '-C', repo, 'log', '-1', '--format=%cI'], {
      timeout: 30_000,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    const at = Date.parse(stdout.trim());
    return Number.isNaN(at) ? { reason: 'the clone has no commit' } : { at: new Date(at) };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') return { reason: 'git is not installed' };
    return { reason: `git log failed: ${(e.stderr ?? e.message).split('\n')[0]}` };
  }
}
