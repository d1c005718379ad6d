/**
 * Benchmark (not a test): the runner against wrk (and Locust's HttpUser when installed) on the
 * same loopback nginx (a node:http child if nginx is absent). Prints req/s and p50 with ratios.
 * Loopback only, each measurement a few seconds.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLocustCsv, runLoad } from '../src/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'netlab-bench-'));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

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

function wrk(url: string, connections: number, close: boolean): { rps: number; p50: number } {
  const args = ['-t', '1', '-c', String(connections), '-d', `${SECONDS}s`, '--latency', url];
  if (close) args.unshift('-H', 'Connection: close');
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const [, value, unit] = /50%\s+([\d.]+)(us|ms|s)/.exec(out) ?? [];
  const p50 = Number(value ?? 0) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  return { rps, p50 };
}

function locust(url: string): number | null {
  if (!has('locust')) return null;
  const file = join(dir, 'locustfile.py');
  writeFileSync(
    file,
    'from locust import HttpUser, task\nclass U(HttpUser):\n    @task\n    def t(self):\n        self.client.get("/")\n',
  );
  spawnSync(
    'locust',
    [
      '-f',
      file,
      '--headless',
      '-u',
      '50',
      '-r',
      '50',
      '-t',
      `${SECONDS}s`,
      '--host',
      url,
      '--csv',
      join(dir, 'l'),
      '--only-summary',
    ],
    { stdio: 'ignore' },
  );
  return importLocustCsv(join(dir, 'l_stats.csv')).rps;
}

const rows: string[][] = [];
const add = (what: string, ours: number, ref: number, refName: string) =>
  rows.push([what, ours.toFixed(1), ref.toFixed(1), refName, ref > 0 ? (ours / ref).toFixed(2) : 'n/a']);

async function main(): Promise<void> {
  if (!has('wrk')) {
    console.error('wrk is missing: apt-get install -y wrk (the reference this benchmark compares against)');
    process.exitCode = 1;
    return;
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const target = await startTarget(port);
  console.error(`target: ${target.name} on ${url}; ${SECONDS} s per measurement`);
  try {
    for (const keepAlive of [true, false]) {
      const ref = wrk(url, 50, !keepAlive);
      for (const workers of [1, 2]) {
        const r = await runLoad({
          host: url,
          users: 50,
          spawnRate: 10_000,
          runTimeSec: SECONDS,
          keepAlive,
          workers,
        });
        add(
          `max req/s, ${keepAlive ? 'keep-alive' : 'new connection'}, --workers ${workers} (${r.engine})`,
          r.rps,
          ref.rps,
          'wrk -c50',
        );
      }
    }
    const moderate = wrk(url, 4, false);
    const r = await runLoad({ host: url, users: 4, spawnRate: 100, runTimeSec: SECONDS });
    add('p50 ms at 4 connections, keep-alive', r.responseTime.p50, moderate.p50, 'wrk -c4');
    const locustRps = locust(url);
    if (locustRps === null) console.error('python3-locust not installed: no Locust HttpUser reference');
    else {
      const ours = await runLoad({
        host: url,
        users: 50,
        spawnRate: 10_000,
        runTimeSec: SECONDS,
        workers: 2,
      });
      add('max req/s vs Locust HttpUser (-u 50)', ours.rps, locustRps, 'locust 2.12');
    }
  } finally {
    target.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ['measurement', 'netlab', 'reference', 'reference tool', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

await main();
