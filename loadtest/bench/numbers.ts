/**
 * Benchmark (not a test): what the runner counts beside what the server saw, wrk and Locust's
 * HttpUser, on the same scripted servers (each in its own process, loopback only):
 * - a server that reads every 50th request and then resets (RST) or closes (FIN) the connection;
 * - a Content-Length 10 bytes short of its body;
 * - a server that stalls 1 s in every 4 s, under the open model (200 req/s, 100 connections, 12 s)
 *   and under closed-loop users aiming at about the same rate (coordinated omission shows: they
 *   send fewer requests, and with few users the stall nearly vanishes from the percentiles);
 * - the rate of a 10 s run with a new connection per request (divided by the run's own 10 s).
 * `--readme` writes the tables into README.md's "numbers" block.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchStamp, writeReadmeBlock } from '@netlab/kit';
import { type LoadOptionsInput, type LoadResult, runLoad } from '../src/index.js';
import { has, locust, wrk } from './anchors.js';

const dir = mkdtempSync(join(tmpdir(), 'netlab-numbers-'));
const README = new URL('../README.md', import.meta.url).pathname;

interface Scripted {
  url: string;
  counts(): Promise<{ received: number; connections: number }>;
  stop(): Promise<void>;
}

async function scripted(plan: string): Promise<Scripted> {
  const child: ChildProcess = fork(new URL('./scripted-server.ts', import.meta.url).pathname, [plan], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}/`,
    counts: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { received: number; connections: number }));
        child.send('counts');
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

interface Measured {
  requests: number;
  failures: number;
  p50?: number;
  p90?: number;
  p99?: number;
  note?: string;
}

/** Locust's numbers as a row; its own failure kinds are left to its CSV. */
function viaLocust(url: string, users: number, seconds: number, waitSec: number): Measured | null {
  const r = locust(url, { users, seconds, waitSec, dir });
  if (!r) return null;
  const rt = r.responseTime;
  return { requests: r.requests, failures: r.failures, p50: rt.p50, p90: rt.p90, p99: rt.p99 };
}

const ours = (r: LoadResult): Measured => ({
  requests: r.requests,
  failures: r.failures,
  p50: r.responseTime.p50,
  p90: r.responseTime.p90,
  p99: r.responseTime.p99,
  note: Object.entries(r.failuresByKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', '),
});

const lines: string[] = [];
const table = (header: string[], rows: string[][]) => {
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  lines.push('');
};

/** Each tool against a fresh server; the server's own count is the anchor. */
async function dropping(plan: 'reset50' | 'fin50', seconds: number): Promise<string[][]> {
  const rows: string[][] = [];
  const tools: Array<[string, (url: string) => Promise<Measured | null>]> = [
    [
      'netlab-loadtest -u 10',
      async (url) => ours(await runLoad({ host: url, users: 10, spawnRate: 100, runTimeSec: seconds })),
    ],
    ['wrk -c10', async (url) => (has('wrk') ? wrk(url, { connections: 10, seconds }) : null)],
    ['Locust HttpUser -u 10', async (url) => viaLocust(url, 10, seconds, 0)],
  ];
  for (const [name, run] of tools) {
    const server = await scripted(plan);
    const m = await run(server.url);
    const { received } = await server.counts();
    await server.stop();
    if (!m) continue;
    const dropped = Math.floor(received / 50);
    rows.push([
      plan === 'reset50' ? 'RST every 50th' : 'FIN every 50th',
      name,
      `${received}`,
      `${dropped}`,
      `${m.requests}`,
      `${m.failures}`,
      dropped > 0 ? (m.failures / dropped).toFixed(3) : '—',
      received > 0 ? (m.requests / received).toFixed(3) : '—',
      m.note ?? '',
    ]);
  }
  return rows;
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  lines.push(
    benchStamp(
      'pnpm --filter @netlab/loadtest bench:numbers --readme',
      'Loopback, each tool against a fresh server process.',
    ),
    '',
  );
  table(
    [
      'server',
      'tool',
      'server read',
      'server dropped',
      'tool requests',
      'tool failures',
      'failures ÷ dropped',
      'requests ÷ read',
      'kinds',
    ],
    [...(await dropping('reset50', seconds)), ...(await dropping('fin50', seconds))],
  );

  const shortRows: string[][] = [];
  for (const [name, run] of [
    [
      'netlab-loadtest -u 2',
      async (url: string) => ours(await runLoad({ host: url, users: 2, spawnRate: 100, runTimeSec: 2 })),
    ],
    ['wrk -c2', async (url: string) => (has('wrk') ? wrk(url, { connections: 2, seconds: 2 }) : null)],
    ['Locust HttpUser -u 2', async (url: string) => viaLocust(url, 2, 2, 0)],
  ] as const) {
    const server = await scripted('short');
    const m = await run(server.url);
    await server.stop();
    if (m) shortRows.push([name, `${m.requests}`, `${m.failures}`, m.note ?? '']);
  }
  lines.push('Content-Length 10 bytes short of the body (a character count for a UTF-8 body):', '');
  table(['tool', 'requests', 'failures', 'kinds'], shortRows);

  const stallRows: string[][] = [];
  const stallRuns: Array<[string, () => Promise<Measured | null>, Scripted]> = [];
  const options = (url: string, extra: Partial<LoadOptionsInput>): LoadOptionsInput => ({
    host: url,
    users: 100,
    spawnRate: 1000,
    runTimeSec: 12,
    timeoutSec: 5,
    ...extra,
  });
  for (const [name, make] of [
    [
      'netlab open: --arrival-rate 200 -u 100 (from the schedule)',
      (url: string) => async () => ours(await runLoad(options(url, { arrivalRate: 200 }))),
    ],
    [
      'netlab closed: -u 100 --wait 0.5',
      (url: string) => async () => ours(await runLoad(options(url, { wait: [0.5, 0.5] }))),
    ],
    [
      'netlab closed: -u 2 --wait 0.01',
      (url: string) => async () => ours(await runLoad(options(url, { users: 2, wait: [0.01, 0.01] }))),
    ],
    ['Locust HttpUser -u 100, constant(0.5)', (url: string) => async () => viaLocust(url, 100, 12, 0.5)],
  ] as const) {
    const server = await scripted('stall');
    stallRuns.push([name, make(server.url), server]);
  }
  for (const [name, run, server] of stallRuns) {
    const m = await run();
    await server.stop();
    if (!m) continue;
    stallRows.push([name, `${m.requests}`, `${m.failures}`, `${m.p50}`, `${m.p90}`, `${m.p99}`]);
  }
  lines.push('A server that stalls 1 s in every 4 s, 12 s, about 200 req/s (response times in ms):', '');
  table(['client', 'requests', 'failures', 'p50', 'p90', 'p99'], stallRows);

  const server = await scripted('ok');
  const r = await runLoad({ host: server.url, users: 20, spawnRate: 1000, runTimeSec: 10, keepAlive: false });
  await server.stop();
  lines.push(
    `\`-u 20 -t 10s --no-keep-alive\`: ${r.requests} requests, ${r.requests - r.failures} succeeded in the run's own ` +
      `${r.durationSec} s = ${r.rps} req/s (wall time with start-up and drain ${r.wallSec} s; dividing by it would give ` +
      `${((r.requests - r.failures) / r.wallSec).toFixed(1)}).`,
  );
  const output = lines.join('\n');
  console.log(output);
  if (process.argv.includes('--readme')) await writeReadmeBlock(README, 'numbers', output);
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
