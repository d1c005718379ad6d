import path from 'node:path';
import type { HttpCheck, TcpCheck } from '@netlab/assignments';
import type { SubmittedFile } from '../submissions/discover.js';
import { isListening } from './listening.js';
import { type ProbeResult, runHttpCheck } from './http-probe.js';
import { runTcpCheck } from './tcp-probe.js';
import {
  DEFAULT_SANDBOX_LIMITS,
  killSandboxed,
  makeSandboxCopy,
  removeSandbox,
  type SandboxLimits,
  spawnSandboxed,
} from './sandbox.js';

export interface ServerRunOptions {
  port: number;
  checks: HttpCheck[];
  /** Raw TCP exchanges (week 2's echo server), run after the HTTP checks. */
  tcpChecks?: TcpCheck[];
  /** How long the server gets to open the port. */
  startTimeoutMs: number;
  /** Per check. */
  checkTimeoutMs: number;
  limits: SandboxLimits;
}

export const DEFAULT_SERVER_RUN: Omit<ServerRunOptions, 'port' | 'checks'> = {
  startTimeoutMs: 10_000,
  checkTimeoutMs: 5_000,
  limits: DEFAULT_SANDBOX_LIMITS,
};

export interface ServerRun {
  listened: boolean;
  results: ProbeResult[];
  /** Share of checks passed (1 when the spec has none and the port opened). */
  fraction: number;
  /** Why the run failed as a whole (crash, never listened, port busy), if it did. */
  failure?: string;
  /** Last lines the server wrote to stderr, for the feedback. */
  stderrTail: string;
}

const TAIL_BYTES = 2000;

/**
 * Runs the student's server from a throwaway copy, waits for the spec port on 127.0.0.1, runs the checks,
 * then kills the whole process group and deletes the copy. Callers run one student at a time: the port is shared.
 */
export async function runStudentServer(
  files: SubmittedFile[],
  entry: string,
  options: ServerRunOptions,
): Promise<ServerRun> {
  if (await isListening(options.port)) {
    const failure = `port ${options.port} was already in use before the server started; not checked`;
    return { listened: false, results: [], fraction: 0, failure, stderrTail: '' };
  }
  const dir = await makeSandboxCopy(files);
  // Run from the entry's folder: a zip usually wraps the student's folder, and their code opens files relative to it.
  const run = spawnSandboxed(
    path.join(dir, ...path.posix.dirname(entry).split('/')),
    path.posix.basename(entry),
    options.limits,
  );
  const { child } = run;
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-TAIL_BYTES);
  });
  child.stdout?.resume();
  let exit: string | undefined;
  child.on('close', (code, signal) => {
    exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  child.on('error', (e) => {
    exit = `could not start (${e.message})`;
  });
  try {
    const listened = await waitForPort(options.port, options.startTimeoutMs, () => exit !== undefined);
    if (!listened) {
      const failure = exit
        ? `server ${exit} before listening on port ${options.port}`
        : `server did not listen on port ${options.port} within ${options.startTimeoutMs / 1000} s`;
      return { listened, results: [], fraction: 0, failure, stderrTail: tail(stderr) };
    }
    const results: ProbeResult[] = [];
    for (const check of options.checks)
      results.push(await runHttpCheck(options.port, check, options.checkTimeoutMs));
    for (const check of options.tcpChecks ?? [])
      results.push(await runTcpCheck(options.port, check, options.checkTimeoutMs));
    const passed = results.filter((r) => r.ok).length;
    const fraction = results.length ? passed / results.length : 1;
    return {
      listened,
      results,
      fraction,
      stderrTail: tail(stderr),
      ...(exit ? { failure: `server ${exit} during the checks` } : {}),
    };
  } finally {
    await killSandboxed(run);
    await waitForPortClosed(options.port, 3000);
    await removeSandbox(dir);
  }
}

function tail(text: string): string {
  return text.split('\n').slice(-15).join('\n').trim();
}

async function waitForPort(port: number, timeoutMs: number, gaveUp: () => boolean): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await isListening(port)) return true;
    if (gaveUp()) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && (await isListening(port))) await new Promise((r) => setTimeout(r, 100));
}
