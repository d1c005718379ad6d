import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, writeFileAtomic } from '@netlab/kit';
import { LoadtestError } from '../errors.js';
import type { LoadResult } from '../result.js';
import { importLocustCsv } from '../views/locust-import.js';
import { exportLocustfile } from './locustfile.js';
import { findLocust } from './find-locust.js';
import { type LocustPlan, locustRunFlags } from './plan.js';

export interface Cluster {
  /** Workers started on this machine. */
  localWorkers: number;
  /** Workers the master waits for, local ones included. */
  expectWorkers: number;
  /** Where the master listens for workers; '*' = every address. */
  bindHost: string;
  /** null = a free port. */
  bindPort: number | null;
  /** Where to keep the locustfile (`--export-locust FILE`) for other PCs; null = a temporary one. */
  locustfile: string | null;
}

export interface LocustHooks {
  /** Lines for the user: the worker command for other PCs, Locust's own log. */
  log(text: string): void;
  /** Aborting stops the master (SIGTERM): Locust then stops its workers and writes its files. */
  signal?: AbortSignal;
}

/** The address other PCs reach the master at: the bind address, else this machine's first outside IPv4. */
function advertised(bindHost: string): string {
  if (bindHost !== '*' && bindHost !== '0.0.0.0') return bindHost;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Runs real Locust: a headless master waiting for `expectWorkers` workers, `localWorkers` of them
 * started here, the rest told how to join. Requests open at the stop finish within --stop-timeout
 * (the plan's timeout) and are counted, as a native run counts them. Returns Locust's CSV files
 * read back as a LoadResult.
 */
export async function runLocust(plan: LocustPlan, cluster: Cluster, hooks: LocustHooks): Promise<LoadResult> {
  if (plan.host === null)
    throw new LoadtestError(
      'LOADTEST_OPTIONS_INVALID',
      '--host is required, e.g. --host http://127.0.0.1:8080',
    );
  const locust = findLocust();
  const dir = mkdtempSync(join(tmpdir(), 'netlab-locust-'));
  const children: ChildProcess[] = [];
  try {
    const locustfile = resolve(cluster.locustfile ?? join(dir, 'locustfile.py'));
    await writeFileAtomic(locustfile, exportLocustfile(plan));
    const port = cluster.bindPort ?? (await freePort());
    const masterHost = advertised(cluster.bindHost);
    const prefix = join(dir, 'run');
    const master = spawn(
      locust,
      [
        '-f',
        locustfile,
        '--headless',
        '--master',
        '--expect-workers',
        String(cluster.expectWorkers),
        '--master-bind-host',
        cluster.bindHost,
        '--master-bind-port',
        String(port),
        ...locustRunFlags(plan),
        '--stop-timeout',
        String(Math.ceil(plan.timeoutSec)),
        '--csv',
        prefix,
        '--only-summary',
        '--exit-code-on-error',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(master);
    let tail = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-2000);
      hooks.log(text);
    };
    master.stdout!.on('data', keep);
    master.stderr!.on('data', keep);
    const remote = cluster.expectWorkers - cluster.localWorkers;
    if (remote > 0) {
      hooks.log(
        `waiting for ${remote} worker(s) from other PCs; on each, with a copy of ${locustfile}:\n` +
          `  locust --worker --master-host ${masterHost} --master-port ${port} -f locustfile.py\n`,
      );
    }
    const localMaster =
      cluster.bindHost === '*' || cluster.bindHost === '0.0.0.0' ? '127.0.0.1' : cluster.bindHost;
    for (let i = 0; i < cluster.localWorkers; i++) {
      const worker = spawn(
        locust,
        ['-f', locustfile, '--worker', '--master-host', localMaster, '--master-port', String(port)],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      worker.stderr!.on('data', (chunk: Buffer) => hooks.log(chunk.toString()));
      children.push(worker);
    }
    const stop = () => master.kill('SIGTERM');
    hooks.signal?.addEventListener('abort', stop, { once: true });
    const code = await exited(master);
    hooks.signal?.removeEventListener('abort', stop);
    if (!existsSync(`${prefix}_stats.csv`)) {
      const last = tail.trim().split('\n').at(-1) ?? '';
      throw new LoadtestError(
        'LOADTEST_LOCUST_FAILED',
        `Locust's master ended (exit ${code}) without its CSV files: ${last}`,
      );
    }
    const result = importLocustCsv(`${prefix}_stats.csv`);
    return {
      ...result,
      target: plan.host,
      users: plan.users,
      spawnRate: plan.spawnRate,
      engine: `locust master + ${cluster.expectWorkers} worker(s)`,
      stoppedBy: hooks.signal?.aborted ? 'interrupt' : 'time',
    };
  } finally {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
