import { chown, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
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
export const NOBODY = 65534;
export const runAsNobody = () => process.getuid?.() === 0;

/** A private, writable copy of the student's files the student's code may wreck freely, made in `parent`. */
export async function makeSandboxCopy(files: SubmittedFile[], parent: string): Promise<string> {
  const dir = await mkdtemp(path.join(parent, 'grader-run-'));
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

/** `prlimit` options: address space, processes, CPU seconds, size of a written file. */
export function prlimitArgs(limits: SandboxLimits): string[] {
  return [
    `--as=${limits.memoryBytes}`,
    `--nproc=${limits.maxProcesses}`,
    `--cpu=${limits.cpuSeconds}`,
    `--fsize=${limits.maxFileBytes}`,
  ];
}

/** Carried in the environment of everything a run starts, to find processes that left the group. */
export const TOKEN_VAR = 'NETLAB_GRADER_RUN';

/** A minimal environment: no variable of the grader's reaches student code. */
export function sandboxEnv(home: string, token: string): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
    // glibc reserves a 64 MB malloc arena per thread (up to 8 per core) against the address-space limit, so a
    // correct thread-per-client server would hit "can't start new thread" under load; two arenas serve it as well.
    MALLOC_ARENA_MAX: '2',
    [TOKEN_VAR]: token,
  };
}
