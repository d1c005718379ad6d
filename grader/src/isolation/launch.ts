import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  NOBODY,
  newToken,
  prlimitArgs,
  runAsNobody,
  type SandboxLimits,
  sandboxEnv,
  TOKEN_VAR,
} from '../checks/sandbox.js';
import { startAgent } from './agent-client.js';
import { bwrapArgs, SANDBOX_ROOT } from './bwrap-args.js';
import type { Isolation } from './isolation.js';
import { goneProber, localProber, type Prober } from './probes.js';
import { sweepRun } from './sweep.js';

/** A student's server started in its sandbox, the probes that reach it, and the way to end all of it. */
export interface Launched {
  prober: Prober;
  /** How the server ended ('exited with code 1', 'killed by SIGKILL', …), while it has not: undefined. */
  exit(): string | undefined;
  /** The last 2 KB it wrote to stderr. */
  stderr(): string;
  /** Kills every process of the run (group, token, PID namespace) and the probe agent; waits until they are gone. */
  stop(): Promise<void>;
}

/** Runs `python3 -u <entry>` from `copyDir` (entry relative to it) under prlimit, in the chosen isolation. */
export async function launchServer(
  copyDir: string,
  entry: string,
  limits: SandboxLimits,
  isolation: Isolation,
): Promise<Launched> {
  const token = newToken();
  const cwd = path.posix.dirname(entry) === '.' ? '' : path.posix.dirname(entry);
  const file = path.posix.basename(entry);
  if (isolation.kind === 'none') {
    const dir = path.join(copyDir, ...cwd.split('/').filter(Boolean));
    const child = spawn('prlimit', [...prlimitArgs(limits), '--', isolation.python, '-u', file], {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: sandboxEnv(dir, token),
      ...(runAsNobody() ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    const stop = () => stopRun(child, { tokenEntry: `${TOKEN_VAR}=${token}\0` });
    return { ...watch(child), prober: localProber, stop };
  }
  const { options, command } = bwrapArgs({
    copyDir,
    cwd,
    etcDir: isolation.etcDir,
    python: isolation.python,
    entry: file,
    env: sandboxEnv(cwd ? `${SANDBOX_ROOT}/${cwd}` : SANDBOX_ROOT, token),
    uid: NOBODY,
    infoFd: 3,
  });
  // prlimit sets the limits and execs bwrap, so bwrap's parent (for --die-with-parent) is this process. The options
  // go through a pipe (`--args`): the sandbox's first process is bwrap, and a student reading its /proc/1/cmdline
  // should find no host path or token there.
  const child = spawn('prlimit', [...prlimitArgs(limits), '--', 'bwrap', '--args', '4', '--', ...command], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
  });
  const argv = child.stdio[4] as Writable;
  argv.on('error', () => {});
  argv.end(options.map((a) => `${a}\0`).join(''));
  const watched = watch(child);
  const marks = { tokenEntry: `${TOKEN_VAR}=${token}\0`, pidNamespace: undefined as string | undefined };
  // The sweep finds the run's processes by PID namespace inode; holding the namespace open keeps that inode from
  // being reused by another student's sandbox (another job) while this run is being swept.
  let pinned: number | null = null;
  const stop = async (prober?: Prober) => {
    await stopRun(child, marks);
    if (pinned !== null) closeSync(pinned);
    pinned = null;
    await prober?.close();
  };
  try {
    const info = await readInfo(child, watched.stderr);
    marks.pidNamespace = `pid:[${info['pid-namespace']}]`;
    try {
      pinned = openSync(`/proc/${info['child-pid']}/ns/pid`, 'r');
    } catch {
      // Already gone: nothing left to pin or to sweep by namespace.
    }
    const prober = await startAgent(info['child-pid']);
    return { ...watched, prober, stop: () => stop(prober) };
  } catch (error) {
    // A server that dies at once takes its namespace with it before the agent can enter: that is the student's
    // exit (reported with its stderr), not a fault of the grader.
    if (await ended(child, watched, 1000)) return { ...watched, prober: goneProber, stop: () => stop() };
    await stop();
    throw error;
  }
}

/** Whether the run has ended, or does within `ms`. */
async function ended(child: ChildProcess, watched: Pick<Launched, 'exit'>, ms: number): Promise<boolean> {
  if (watched.exit() !== undefined) return true;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return watched.exit() !== undefined;
}

const TAIL_BYTES = 2000;

/** Collects the exit and the stderr tail from the first moment (a crash at start-up is the feedback's best line). */
function watch(child: ChildProcess): Pick<Launched, 'exit' | 'stderr'> {
  let stderr = '';
  let exit: string | undefined;
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-TAIL_BYTES);
  });
  child.stdout?.resume();
  child.on('close', (code, signal) => {
    exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  child.on('error', (e) => {
    exit = `could not start (${e.message})`;
  });
  return { exit: () => exit, stderr: () => stderr };
}

interface BwrapInfo {
  'child-pid': number;
  'pid-namespace': number;
}

/** bwrap's `--info-fd` JSON: the sandbox's first process (its network namespace is the student's) and namespaces. */
function readInfo(child: ChildProcess, stderr: () => string): Promise<BwrapInfo> {
  return new Promise((resolve, reject) => {
    let text = '';
    const info = child.stdio[3] as Readable;
    info.on('data', (c: Buffer) => {
      text += c.toString('utf8');
      try {
        resolve(JSON.parse(text) as BwrapInfo);
      } catch {
        // Not whole yet.
      }
    });
    info.on('error', () => {});
    child.once('error', (e) => reject(new Error(`bwrap could not start (${e.message})`)));
    child.once('close', (code) =>
      reject(new Error(`bwrap exited with code ${code}: ${stderr().trim().split('\n').pop() ?? ''}`)),
    );
  });
}

/**
 * Kills the whole process group (bwrap or prlimit's python and what it forked) until none of it is left, then every
 * process still carrying the token or living in the sandbox's PID namespace.
 */
async function stopRun(
  child: ChildProcess,
  marks: { tokenEntry: string; pidNamespace?: string },
  waitMs = 5000,
) {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const until = Date.now() + waitMs;
  while (signalGroup(pgid, 0) && Date.now() < until) {
    signalGroup(pgid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  await sweepRun(marks, waitMs);
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
