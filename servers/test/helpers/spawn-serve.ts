import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `node --import tsx` runs the bin in one process. The `tsx` command would add a parent that relays
// signals and SIGKILLs the server if it has not acknowledged one within 30 ms — too tight on a busy machine.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SERVE = fileURLToPath(new URL('../../src/bin/serve.ts', import.meta.url));
const READY = /^listening on ([\d.]+):(\d+)$/m;

/** The environment without jest's NODE_OPTIONS, as a user's shell would have it. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** Spawns with stdout and stderr collected as text. */
function spawnCaptured(
  command: string,
  argv: string[],
): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const child = spawn(command, argv, { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    out.stdout += text;
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    out.stderr += text;
  });
  return { child, stdout: () => out.stdout, stderr: () => out.stderr };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Served {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<Exit>;
}

/** The command line that runs the bin through tsx's loader, optionally after a shell prefix (e.g. `ulimit`). */
export function serveCommand(args: string[], shellPrefix?: string): [string, string[]] {
  if (!shellPrefix) return [process.execPath, ['--import', TSX_LOADER, SERVE, ...args]];
  const quoted = [process.execPath, '--import', TSX_LOADER, SERVE, ...args].map((a) => `'${a}'`).join(' ');
  return ['/bin/sh', ['-c', `${shellPrefix} && exec ${quoted}`]];
}

/** Starts `netlab-serve <args>` and resolves once its ready line is out (rejects if it exits first). */
export function startServe(args: string[], shellPrefix?: string): Promise<Served> {
  const [command, argv] = serveCommand(args, shellPrefix);
  const { child, stdout, stderr } = spawnCaptured(command, argv);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const match = READY.exec(stdout());
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve({ child, port: Number(match[2]), stdout, stderr, exited });
    };
    child.stdout!.on('data', onData);
    void exited.then((exit) =>
      reject(new Error(`serve exited (${exit.code ?? exit.signal}) before ready: ${stderr()}`)),
    );
  });
}

/** Runs `netlab-serve <args>` to completion. */
export async function runServe(args: string[]): Promise<Exit & { stdout: string; stderr: string }> {
  const [command, argv] = serveCommand(args);
  const { child, stdout, stderr } = spawnCaptured(command, argv);
  const exit = await new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { ...exit, stdout: stdout(), stderr: stderr() };
}

/** Every live process descended from `pid` (children, grandchildren…), read from /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** True while `pid` exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
