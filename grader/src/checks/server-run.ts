import type { Isolation } from '../isolation/isolation.js';
import { launchServer } from '../isolation/launch.js';
import type { Prober } from '../probes/prober.js';
import type { SubmittedFile } from '../submissions/discover.js';
import type { ProbeResult } from '../probes/http-probe.js';
import { isListening } from '../probes/listening.js';
import { type Probed, type ProbePlan, probeServer } from './probe-server.js';
import {
  DEFAULT_SANDBOX_LIMITS,
  makeSandboxCopy,
  removeSandbox,
  type SandboxLimits,
} from '../isolation/sandbox.js';

export interface ServerRunOptions extends Omit<ProbePlan, 'checksBudgetMs'> {
  /** All of one server's checks together (the spec's checksBudgetMs); default: each check's timeout, summed. */
  checksBudgetMs?: number;
  /** How long the server gets to open the port. */
  startTimeoutMs: number;
  limits: SandboxLimits;
  isolation: Isolation;
}

export const DEFAULT_SERVER_RUN: Pick<ServerRunOptions, 'startTimeoutMs' | 'checkTimeoutMs' | 'limits'> = {
  startTimeoutMs: 10_000,
  checkTimeoutMs: 5_000,
  limits: DEFAULT_SANDBOX_LIMITS,
};

export interface ServerRun extends Partial<Omit<Probed, 'results'>> {
  listened: boolean;
  results: ProbeResult[];
  /** Share of checks passed (1 when the spec has none and the port opened). */
  fraction: number;
  /** Why the run failed as a whole (crash, never listened, port busy), if it did. */
  failure?: string;
  /** Last lines the server wrote to stderr, for the feedback. */
  stderrTail: string;
}

/**
 * Runs the student's server from a throwaway copy in its sandbox, waits for the spec port, runs the checks from
 * where the server's 127.0.0.1 is, then ends every process of the run and deletes the copy. Without a sandbox
 * the port is the host's, so callers run one student at a time.
 */
export async function runStudentServer(
  files: SubmittedFile[],
  entry: string,
  options: ServerRunOptions,
): Promise<ServerRun> {
  const { isolation } = options;
  if (isolation.kind === 'none' && (await isListening(options.port))) {
    const failure = `port ${options.port} was already in use before the server started; not checked`;
    return { listened: false, results: [], fraction: 0, failure, stderrTail: '' };
  }
  const parent = isolation.kind === 'bwrap' ? isolation.workDir : isolation.copiesDir;
  const dir = await makeSandboxCopy(files, parent);
  try {
    const run = await launchServer(dir, entry, options.limits, isolation);
    try {
      return await probeOnce(run.prober, options, run.exit, run.stderr);
    } finally {
      await run.stop();
      // The next student needs the host's port: wait until the kernel has closed the listener.
      if (isolation.kind === 'none') await waitForPortClosed(options.port, 3000);
    }
  } finally {
    await removeSandbox(dir);
  }
}

async function probeOnce(
  prober: Prober,
  options: ServerRunOptions,
  exit: () => string | undefined,
  stderr: () => string,
): Promise<ServerRun> {
  const { port } = options;
  const listened = await waitForPort(prober, port, options.startTimeoutMs, () => exit() !== undefined);
  if (!listened) {
    const ended = exit();
    const failure = ended
      ? `server ${ended} before listening on port ${port}`
      : `server did not listen on port ${port} within ${options.startTimeoutMs / 1000} s`;
    return { listened, results: [], fraction: 0, failure, stderrTail: tail(stderr()) };
  }
  const summed = (options.checks.length + (options.tcpChecks?.length ?? 0)) * options.checkTimeoutMs;
  const probed = await probeServer(prober, { ...options, checksBudgetMs: options.checksBudgetMs ?? summed });
  const passed = probed.results.filter((r) => r.ok).length;
  const fraction = probed.results.length ? passed / probed.results.length : 1;
  const ended = exit();
  return {
    listened,
    ...probed,
    fraction,
    stderrTail: tail(stderr()),
    ...(ended ? { failure: `server ${ended} during the checks` } : {}),
  };
}

function tail(text: string): string {
  return text.split('\n').slice(-15).join('\n').trim();
}

async function waitForPort(
  prober: Prober,
  port: number,
  timeoutMs: number,
  gaveUp: () => boolean,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await prober.listening(port)) return true;
    if (gaveUp()) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && (await isListening(port))) await new Promise((r) => setTimeout(r, 100));
}
