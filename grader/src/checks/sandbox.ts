import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SubmittedFile } from '../submissions/discover.js';

export interface SandboxLimits {
  /** Address-space cap for the student's process (bytes). */
  memoryBytes: number;
  /** Process/thread cap for the sandbox user: stops fork bombs (only enforced for a non-root user). */
  maxProcesses: number;
  cpuSeconds: number;
  maxFileBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 512 * 1024 * 1024,
  maxProcesses: 128,
  cpuSeconds: 30,
  maxFileBytes: 50 * 1024 * 1024,
};

/** uid/gid of `nobody`: when the grader runs as root, student code runs as nobody so it cannot touch our files. */
const NOBODY = 65534;
const runAsNobody = () => process.getuid?.() === 0;

/** A private, writable copy of the student's files the student's code may wreck freely. */
export async function makeSandboxCopy(files: SubmittedFile[]): Promise<string> {
  // Directly under the system temp dir: a root-only parent would stop `nobody` from entering.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grader-run-'));
  try {
    await copyInto(dir, files);
  } catch (error) {
    await removeSandbox(dir);
    throw error;
  }
  return dir;
}

async function copyInto(dir: string, files: SubmittedFile[]): Promise<void> {
  const dirs = new Set<string>([dir]);
  for (const f of files) {
    const target = path.join(dir, ...f.rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    for (let d = path.dirname(target); d.startsWith(dir); d = path.dirname(d)) dirs.add(d);
    await copyFile(f.abs, target);
    if (runAsNobody()) await chown(target, NOBODY, NOBODY);
  }
  if (runAsNobody()) for (const d of dirs) await chown(d, NOBODY, NOBODY);
}

export async function removeSandbox(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Starts `python3 <entry>` under prlimit (memory, processes, CPU, file size) as its own process group,
 * with a minimal environment, as `nobody` when we are root.
 */
export interface Sandboxed {
  child: ChildProcess;
  /** Carried in the environment of everything the run starts, to find processes that left the group. */
  token: string;
}

const TOKEN_VAR = 'NETLAB_GRADER_RUN';

export function spawnSandboxed(
  dir: string,
  entry: string,
  limits: SandboxLimits,
  python = 'python3',
): Sandboxed {
  const token = randomBytes(8).toString('hex');
  const args = [
    `--as=${limits.memoryBytes}`,
    `--nproc=${limits.maxProcesses}`,
    `--cpu=${limits.cpuSeconds}`,
    `--fsize=${limits.maxFileBytes}`,
    '--',
    python,
    '-u',
    entry,
  ];
  const nobody = runAsNobody() ? { uid: NOBODY, gid: NOBODY } : {};
  const env = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: dir,
    LANG: 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const child = spawn('prlimit', args, {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, [TOKEN_VAR]: token },
    ...nobody,
  });
  return { child, token };
}

/**
 * Kills the whole process group (the server and anything it forked) and waits until none of it is left, then
 * kills any process still carrying this run's token: a daemon that called setsid() has left the group.
 */
export async function killSandboxed({ child, token }: Sandboxed, waitMs = 5000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const until = Date.now() + waitMs;
  while (groupExists(pgid) && Date.now() < until) {
    signalGroup(pgid);
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const pid of await pidsWithToken(token)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

/** Processes whose environment holds the token (all of them as root; our own user's otherwise). */
async function pidsWithToken(token: string): Promise<number[]> {
  const marker = `${TOKEN_VAR}=${token}\0`;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((d) => /^\d+$/.test(d));
  const found: number[] = [];
  for (const pid of pids) {
    const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    if (environ.includes(marker)) found.push(Number(pid));
  }
  return found;
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0 = 'SIGKILL'): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

const groupExists = (pgid: number) => signalGroup(pgid, 0);
