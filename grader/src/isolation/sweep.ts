import { readdir, readFile, readlink } from 'node:fs/promises';

/** What marks a run's processes: the token in their environment, or their PID namespace (`pid:[inode]`). */
export interface RunMarks {
  tokenEntry: string;
  pidNamespace?: string;
}

/** Processes carrying the run's token, or living in its PID namespace (all of them as root; our own user's otherwise). */
async function pidsOf(marks: RunMarks): Promise<number[]> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((d) => /^\d+$/.test(d));
  const found: number[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    const ns = marks.pidNamespace ? await readlink(`/proc/${pid}/ns/pid`).catch(() => '') : '';
    if (ns && ns === marks.pidNamespace) {
      found.push(Number(pid));
      continue;
    }
    const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    if (environ.includes(marks.tokenEntry)) found.push(Number(pid));
  }
  return found;
}

/**
 * Kills every process of the run until none is left or `waitMs` passed: a daemon that called setsid() has left the
 * process group, and one that also cleared its environment is still found by its PID namespace.
 */
export async function sweepRun(marks: RunMarks, waitMs = 5000): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    const pids = await pidsOf(marks);
    if (!pids.length || Date.now() > until) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
