import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { dieWithParent } from './die-with-parent.js';

export interface GroupCommand {
  command: string;
  args: string[];
  cwd?: string;
  /** Run through `sh -c` (a user's `--server "python3 x.py"`). */
  shell?: boolean;
  /** The whole environment of the group; default this process's. */
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Pipes after stdin, stdout and stderr (fd 3, 4, …), e.g. for bwrap's `--info-fd` and `--args`. */
  extraPipes?: number;
  /** How much of the output to keep for messages (bytes of text). */
  keepBytes?: number;
  /** Kill the leader when this process dies, even by SIGKILL (see `dieWithParent`). */
  dieWithParent?: boolean;
}

/** A command running as the leader of its own process group, so a shell wrapper and everything it forks go together. */
export interface ProcessGroup {
  child: ChildProcess;
  /** The leader's pid, which is also the group's id. */
  pid: number | undefined;
  /** How it ended ('exited with code 1', 'killed by SIGKILL', 'could not start (…)'); undefined while it runs. */
  ended(): string | undefined;
  /** The last `keepBytes` of stdout and stderr together, as they came. */
  output(): string;
  /** The last `keepBytes` of stderr alone. */
  stderr(): string;
  /** Resolves once the leader has ended and its output is closed (its output is then complete). */
  closed: Promise<void>;
  /** The first match of `pattern` in stdout; undefined if the group ends or `timeoutMs` passes first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray | undefined>;
  /** Polls `ready` every `intervalMs`: true once it is, false if the group ends or `timeoutMs` passes first. */
  waitUntil(ready: () => Promise<boolean>, timeoutMs: number, intervalMs?: number): Promise<boolean>;
  /**
   * Ends every process of the group: SIGTERM, up to `graceMs` for it to go, then SIGKILL until none is left
   * (at most `killWaitMs`). `forced` when SIGKILL was needed. Safe to call again.
   */
  stop(options?: { graceMs?: number; killWaitMs?: number }): Promise<{ forced: boolean }>;
  /** SIGKILL to the group at once, synchronously: for exit handlers, which cannot wait. */
  killNow(): void;
}

/** 'killed by SIGTERM' or 'exited with code 3': how every netlab tool words a process's end. */
export function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

/** The last lines of a process's output, on one line: what a user needs to see (a traceback's last frames). */
export function outputTail(output: string, lines = 5): string {
  return output
    .trim()
    .split('\n')
    .slice(-lines)
    .map((l) => l.trimEnd())
    .join(' | ');
}

/** A random mark to carry in a group's environment, to find its processes that left the group (setsid, daemons). */
export function groupToken(): string {
  return randomBytes(8).toString('hex');
}

/** Sends `signal` (0: only asks) to every process of group `pgid`; false when none is left. */
export function signalGroup(pgid: number | undefined, signal: NodeJS.Signals | 0): boolean {
  if (pgid === undefined) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(
  pgid: number | undefined,
  withinMs: number,
  signal: NodeJS.Signals | 0,
): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (signalGroup(pgid, signal)) {
    if (Date.now() >= until) return false;
    await sleep(50);
  }
  return true;
}

/** Starts `cmd` detached (its own process group) with stdout and stderr piped and kept. */
export function spawnGroup(cmd: GroupCommand): ProcessGroup {
  const keepBytes = cmd.keepBytes ?? 4096;
  const line: [string, string[]] = cmd.shell
    ? ['/bin/sh', ['-c', [cmd.command, ...cmd.args].join(' ')]]
    : [cmd.command, cmd.args];
  const [command, args] = cmd.dieWithParent ? dieWithParent(...line) : line;
  const child = spawn(command, args, {
    cwd: cmd.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...Array<'pipe'>(cmd.extraPipes ?? 0).fill('pipe')],
    env: cmd.env ?? process.env,
    ...(cmd.uid !== undefined ? { uid: cmd.uid } : {}),
    ...(cmd.gid !== undefined ? { gid: cmd.gid } : {}),
  });
  let output = '';
  let stderr = '';
  let stdout = '';
  let ended: string | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-keepBytes);
    stdout = (stdout + text).slice(-keepBytes);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-keepBytes);
    stderr = (stderr + text).slice(-keepBytes);
  });
  const closed = new Promise<void>((resolve) => {
    child.once('close', (code, signal) => {
      ended ??= howItEnded(code, signal);
      resolve();
    });
    child.once('error', (error) => {
      ended ??= `could not start (${error.message})`;
      resolve();
    });
  });

  const waitForLine = async (pattern: RegExp, timeoutMs: number) => {
    const ac = new AbortController();
    try {
      const seen = new Promise<RegExpExecArray | undefined>((resolve) => {
        const look = () => {
          const match = pattern.exec(stdout);
          if (match) resolve(match);
        };
        child.stdout!.on('data', look);
        ac.signal.addEventListener('abort', () => child.stdout!.off('data', look));
        look();
      });
      return await Promise.race([
        seen,
        closed.then(() => pattern.exec(stdout) ?? undefined),
        sleep(timeoutMs, undefined, { signal: ac.signal }).catch(() => undefined),
      ]);
    } finally {
      ac.abort();
    }
  };

  const waitUntil = async (ready: () => Promise<boolean>, timeoutMs: number, intervalMs = 100) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await ready()) return true;
      if (ended !== undefined) return false;
      await sleep(intervalMs);
    }
    return false;
  };

  const stop = async ({ graceMs = 5000, killWaitMs = 5000 } = {}) => {
    let forced = false;
    if (!(graceMs > 0 && signalGroup(child.pid, 'SIGTERM') && (await groupGone(child.pid, graceMs, 0)))) {
      forced = signalGroup(child.pid, 0);
      await groupGone(child.pid, killWaitMs, 'SIGKILL');
    }
    // The group is gone; its pipes close with it unless a process that left the group still holds them.
    const ac = new AbortController();
    await Promise.race([closed, sleep(1000, undefined, { signal: ac.signal }).catch(() => undefined)]);
    ac.abort();
    return { forced };
  };

  return {
    child,
    pid: child.pid,
    ended: () => ended,
    output: () => output,
    stderr: () => stderr,
    closed,
    waitForLine,
    waitUntil,
    stop,
    killNow: () => void signalGroup(child.pid, 'SIGKILL'),
  };
}
