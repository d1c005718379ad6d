/**
 * Benchmark (not a test): the runner against wrk (and Locust's HttpUser when installed) on the
 * same loopback nginx (a node:http child if nginx is absent). Prints req/s and p50 with ratios
 * and the runner's marks: ≥ 0.7× wrk's req/s, p50 within 20% of wrk's at a fixed rate, ≥ 10×
 * Locust. Loopback only, each measurement a few seconds. `--readme` writes the table into
 * README.md's "bench" block.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchStamp, freePort, writeReadmeBlock } from '@netlab/kit';
import { runLoad } from '../src/index.js';
import { has, locust, wrk } from './anchors.js';
import { bareClientP50 } from './bare-client.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const README = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const dir = mkdtempSync(join(tmpdir(), 'netlab-bench-'));

async function startTarget(port: number): Promise<{ child: ChildProcess; name: string }> {
  if (has('nginx')) {
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:${port}; location / { return 200 "hello from nginx\\n"; } } }`,
    );
    const child = spawn('nginx', ['-c', conf, '-p', dir], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    return { child, name: 'nginx (Debian)' };
  }
  const code = `require('http').createServer((q,s)=>s.end('hello from node\\n')).listen(${port},'127.0.0.1')`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  return { child, name: 'node:http' };
}

/** wrk's think time: a script whose `delay()` is uniform in whole ms, written once per rate. */
function delayScript(waitMs: readonly [number, number]): string {
  const script = join(dir, `delay-${waitMs[0]}-${waitMs[1]}.lua`);
  writeFileSync(script, `function delay() return math.random(${waitMs[0]}, ${waitMs[1]}) end\n`);
  return script;
}

const rows: string[][] = [];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Target {
  /** The ratio netlab/reference must reach (throughput) or stay under (latency). */
  ratio: number;
  higherIsBetter: boolean;
}

/**
 * The reference then netlab, back to back, ROUNDS times; the best of each (highest req/s,
 * lowest p50), so a noisy moment on a shared 2-core machine hurts neither alone.
 */
async function pair(
  what: string,
  reference: () => number | Promise<number>,
  refName: string,
  ours: () => Promise<{ value: number; engine: string }>,
  target: Target,
): Promise<void> {
  const { higherIsBetter } = target;
  const best = (a: number, b: number) => (higherIsBetter ? Math.max(a, b) : Math.min(a, b));
  let ref = higherIsBetter ? 0 : Number.POSITIVE_INFINITY;
  let mine = ref;
  let engine = '';
  for (let i = 0; i < ROUNDS; i++) {
    ref = best(ref, await reference());
    const r = await ours();
    mine = best(mine, r.value);
    engine = r.engine;
  }
  addRow(`${what} (${engine})`, mine, ref, refName, target);
}

function verdictOf(ratio: number, ref: number, target: Target): string {
  if (!(ref > 0 && Number.isFinite(ref))) return 'no reference';
  const met = target.higherIsBetter ? ratio >= target.ratio : ratio <= target.ratio;
  return met ? 'met' : 'NOT met';
}

/** A row with its ratio and verdict; a reference that measured nothing gives no verdict. */
function addRow(what: string, mine: number, ref: number, refName: string, target: Target): void {
  const { higherIsBetter } = target;
  const digits = higherIsBetter ? 0 : 3;
  const ratio = mine / ref;
  const bound = `${higherIsBetter ? '≥' : '≤'} ${target.ratio.toFixed(2)}`;
  const verdict = verdictOf(ratio, ref, target);
  rows.push([
    what,
    mine.toFixed(digits),
    ref.toFixed(digits),
    refName,
    verdict === 'no reference' ? '—' : ratio.toFixed(2),
    `${bound} ${verdict}`,
  ]);
}

const THROUGHPUT: Target = { ratio: 0.7, higherIsBetter: true };
const LATENCY: Target = { ratio: 1.2, higherIsBetter: false };

/** Fixed rates: wrk's delay() and our --wait give every connection the same think time. */
const RATES = [
  { label: '~5k req/s: 50 users, think 5–15 ms', users: 50, waitMs: [5, 15] as const },
  { label: '~800 req/s: 4 users, think 5 ms', users: 4, waitMs: [5, 5] as const },
];

async function main(): Promise<void> {
  if (!has('wrk')) {
    console.error('wrk is missing: apt-get install -y wrk (the reference this benchmark compares against)');
    process.exitCode = 1;
    return;
  }
  const port = await freePort();
  const host = `http://127.0.0.1:${port}/`;
  const target = await startTarget(port);
  console.error(
    `target: ${target.name} on ${host}; ${SECONDS} s per measurement, best of ${ROUNDS} alternated`,
  );
  try {
    for (const keepAlive of [true, false]) {
      for (const workers of [1, 2]) {
        await pair(
          `max req/s, ${keepAlive ? 'keep-alive' : 'new connection'}, --workers ${workers}`,
          () => wrk(host, { connections: 50, seconds: SECONDS, close: !keepAlive }).rps,
          `wrk -t1 -c50${keepAlive ? '' : ' close'}`,
          async () => {
            const r = await runLoad({
              host,
              users: 50,
              spawnRate: 10_000,
              runTimeSec: SECONDS,
              keepAlive,
              workers,
            });
            return { value: r.rps, engine: r.engine };
          },
          THROUGHPUT,
        );
      }
    }
    for (const rate of RATES) {
      const wrkRun = { connections: rate.users, seconds: SECONDS, script: delayScript(rate.waitMs) };
      const refName = `wrk -c${rate.users} delay()`;
      await pair(
        `p50 ms at ${rate.label}`,
        () => wrk(host, wrkRun).p50,
        refName,
        async () => {
          const r = await runLoad({
            host,
            users: rate.users,
            spawnRate: 10_000,
            runTimeSec: SECONDS,
            wait: [rate.waitMs[0] / 1000, rate.waitMs[1] / 1000],
          });
          return { value: r.responseTime.p50, engine: `${r.engine}, ${r.rps.toFixed(0)} req/s` };
        },
        LATENCY,
      );
      await pair(
        `  the floor: a bare node:net client at ${rate.label}`,
        () => wrk(host, wrkRun).p50,
        refName,
        async () => {
          const r = await bareClientP50(host, rate.users, rate.waitMs, SECONDS);
          return { value: r.p50, engine: `${r.rps.toFixed(0)} req/s` };
        },
        LATENCY,
      );
    }
    const locustRps = locust(host, { users: 50, seconds: SECONDS, waitSec: 0, dir })?.rps ?? null;
    if (locustRps === null) console.error('python3-locust not installed: no Locust HttpUser reference');
    else {
      const r = await runLoad({ host, users: 50, spawnRate: 10_000, runTimeSec: SECONDS });
      addRow(`max req/s vs Locust HttpUser -u 50 (${r.engine})`, r.rps, locustRps, 'locust 2.12', {
        ratio: 10,
        higherIsBetter: true,
      });
    }
  } finally {
    target.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ['measurement', 'netlab', 'reference', 'reference tool', 'ratio', 'target'];
  const output = [
    `| ${header.join(' | ')} |`,
    '|---|---:|---:|---|---:|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  process.stdout.write(`${output}\n`);
  if (process.argv.includes('--readme')) {
    const stamp = benchStamp(
      'pnpm --filter @netlab/loadtest bench --readme',
      `Target: ${target.name} on loopback; ${SECONDS} s per measurement, best of ${ROUNDS} alternated with the reference.`,
    );
    await writeReadmeBlock(README, 'bench', `${stamp}\n\n${output}`);
  }
}

await main();
