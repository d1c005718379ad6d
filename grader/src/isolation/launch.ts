import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { groupToken, type ProcessGroup, spawnGroup } from '@netlab/kit';
import { NOBODY, prlimitArgs, runAsNobody, type SandboxLimits, sandboxEnv, TOKEN_VAR } from './sandbox.js';
import { startAgent } from './agent-client.js';
import { bwrapArgs, SANDBOX_ROOT } from './bwrap-args.js';
import type { Isolation } from './isolation.js';
import { goneProber, localProber, type Prober } from '../probes/prober.js';
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
  const token = groupToken();
  const cwd = path.posix.dirname(entry) === '.' ? '' : path.posix.dirname(entry);
  const file = path.posix.basename(entry);
  if (isolation.kind === 'none') {
    const dir = path.join(copyDir, ...cwd.split('/').filter(Boolean));
    const group = spawnGroup({
      command: 'prlimit',
      args: [...prlimitArgs(limits), '--', isolation.python, '-u', file],
      cwd: dir,
      env: sandboxEnv(dir, token),
      ...(runAsNobody() ? { uid: NOBODY, gid: NOBODY } : {}),
      keepBytes: TAIL_BYTES,
      dieWithParent: true,
    });
    const stop = () => stopRun(group, { tokenEntry: `${TOKEN_VAR}=${token}\0` });
    return { ...watch(group), prober: localProber, stop };
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
  // prlimit sets the limits and execs bwrap, so bwrap's parent (for --die-with-parent) is this process; killed with
  // it from the first instruction (dieWithParent), not only from the moment bwrap asks for that. The options
  // go through a pipe (`--args`): the sandbox's first process is bwrap, and a student reading its /proc/1/cmdline
  // should find no host path or token there.
  const group = spawnGroup({
    command: 'prlimit',
    args: [...prlimitArgs(limits), '--', 'bwrap', '--args', '4', '--', ...command],
    extraPipes: 2,
    keepBytes: TAIL_BYTES,
    dieWithParent: true,
  });
  const argv = group.child.stdio[4] as Writable;
  argv.on('error', () => {});
  argv.end(options.map((a) => `${a}\0`).join(''));
  const watched = watch(group);
  const marks = { tokenEntry: `${TOKEN_VAR}=${token}\0`, pidNamespace: undefined as string | undefined };
  // The sweep finds the run's processes by PID namespace inode; holding the namespace open keeps that inode from
  // being reused by another student's sandbox (another job) while this run is being swept.
  let pinned: number | null = null;
  const stop = async (prober?: Prober) => {
    await stopRun(group, marks);
    if (pinned !== null) closeSync(pinned);
    pinned = null;
    await prober?.close();
  };
  try {
    const info = await readInfo(group);
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
    if (await ended(group, 1000)) return { ...watched, prober: goneProber, stop: () => stop() };
    await stop();
    throw error;
  }
}

/** Whether the run has ended, or does within `ms`. */
async function ended(group: ProcessGroup, ms: number): Promise<boolean> {
  const ac = new AbortController();
  await Promise.race([group.closed, sleep(ms, undefined, { signal: ac.signal }).catch(() => undefined)]);
  ac.abort();
  return group.ended() !== undefined;
}

const TAIL_BYTES = 2000;

/** The exit and the stderr tail, kept from the first moment (a crash at start-up is the feedback's best line). */
function watch(group: ProcessGroup): Pick<Launched, 'exit' | 'stderr'> {
  return { exit: group.ended, stderr: group.stderr };
}

interface BwrapInfo {
  'child-pid': number;
  'pid-namespace': number;
}

/** bwrap's `--info-fd` JSON: the sandbox's first process (its network namespace is the student's) and namespaces. */
function readInfo(group: ProcessGroup): Promise<BwrapInfo> {
  const { child, stderr } = group;
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
  group: ProcessGroup,
  marks: { tokenEntry: string; pidNamespace?: string },
  waitMs = 5000,
) {
  if (group.pid === undefined) return;
  await group.stop({ graceMs: 0, killWaitMs: waitMs });
  await sweepRun(marks, waitMs);
}
