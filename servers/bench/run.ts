#!/usr/bin/env tsx
// Benchmark: every model against node:http and nginx, on loopback, closed loop, Connection: close and keep-alive.
import { benchStamp, writeReadmeBlock } from '@netlab/kit';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_ROOT, MODELS } from '../src/index.js';
import { GENERATOR, type LoadResult, runLoad } from './load.js';
import {
  hasCommand,
  type Running,
  startBareNet,
  startNginx,
  startNodeHttp,
  stopChild,
} from './references.js';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TARGET = '/index.html';
// `node --import tsx`, one process: the `tsx` command's signal relay can SIGKILL a busy server (see README).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SERVE = fileURLToPath(new URL('../src/bin/serve.ts', import.meta.url));

const progress = (line: string): void => void process.stderr.write(`${line}\n`);

/** The bench installs what it measures with, when it can (root on Debian), and says so when it cannot. */
function ensureTools(): void {
  const missing = ['wrk', 'nginx'].filter((tool) => !hasCommand(tool) && !hasCommand(`/usr/sbin/${tool}`));
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && hasCommand('apt-get')) {
    progress(`installing ${missing.join(' ')} with apt-get…`);
    spawnSync('apt-get', ['install', '-y', '-qq', ...missing], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    progress(`missing ${missing.join(' ')} (not root): nginx column skipped / autocannon used`);
  }
}

async function startModel(model: string, keepAlive: boolean): Promise<Running> {
  const args = ['--import', TSX_LOADER, SERVE, 'http', '--model', model, '--port', '0'];
  if (keepAlive) args.push('--keep-alive');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Pass the server's stderr on, minus its own shutdown notice.
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    const news = text.replace(/^SIG\w+: finishing in-flight requests\n/m, '');
    if (news) process.stderr.write(news);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const match = /listening on [\d.]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${model} exited (${code}) before listening`)));
  });
  return { port, stop: () => stopChild(child) };
}

/** One `Connection: close` request (fetch would keep its connection, and hold `single` hostage). */
function warmUp(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () =>
      socket.end(`GET ${TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    socket.on('error', reject);
    socket.resume();
    socket.on('close', () => resolve());
  });
}

interface Row {
  name: string;
  mode: 'close' | 'keep-alive';
  result: LoadResult;
}

async function measure(
  name: string,
  mode: Row['mode'],
  start: () => Promise<Running | undefined>,
): Promise<Row | undefined> {
  const server = await start();
  if (!server) return undefined;
  try {
    const url = `http://127.0.0.1:${server.port}${TARGET}`;
    // One request warms the caches; a warm-up run would leave per-connection models a queue of dead clients.
    await warmUp(server.port);
    const result = await runLoad({
      url,
      keepAlive: mode === 'keep-alive',
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    progress(`${name.padEnd(14)} ${mode.padEnd(10)} ${result.requestsPerSec.toFixed(0).padStart(7)} req/s`);
    return { name, mode, result };
  } finally {
    await server.stop();
  }
}

const fmt = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : '—');

function table(rows: Row[]): string {
  const ref = (name: string, mode: Row['mode']): number | undefined =>
    rows.find((row) => row.name === name && row.mode === mode)?.result.requestsPerSec;
  const lines = [
    '| server | connection | req/s | p50 ms | p99 ms | errors | × node:http | × nginx |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const node = ref('node:http', row.mode);
    const nginx = ref('nginx', row.mode);
    const r = row.result;
    lines.push(
      `| ${row.name} | ${row.mode} | ${r.requestsPerSec.toFixed(0)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.errors} | ${node ? fmt(r.requestsPerSec / node) : '—'} | ${nginx ? fmt(r.requestsPerSec / nginx) : '—'} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const startLoad = loadavg()[0]!.toFixed(2);
  ensureTools();
  progress(
    `load: ${GENERATOR}, ${CONNECTIONS} connections, ${SECONDS} s per cell, GET ${TARGET} from ${DEFAULT_ROOT}`,
  );
  const rows: Row[] = [];
  for (const mode of ['close', 'keep-alive'] as const) {
    const keepAlive = mode === 'keep-alive';
    const cells: [string, () => Promise<Running | undefined>][] = [
      ['nginx', () => startNginx(DEFAULT_ROOT)],
      ['node:http', () => startNodeHttp(DEFAULT_ROOT, keepAlive)],
      ...(keepAlive
        ? []
        : [
            ['node:net bare', () => startBareNet(path.join(DEFAULT_ROOT, 'index.html'))] as [
              string,
              () => Promise<Running>,
            ],
          ]),
      ...MODELS.map((model): [string, () => Promise<Running>] => [model, () => startModel(model, keepAlive)]),
    ];
    for (const [name, start] of cells) {
      const row = await measure(name, mode, start);
      if (row) rows.push(row);
      else progress(`${name}: not installed, skipped`);
    }
  }
  const output = table(rows);
  process.stdout.write(`\n${output}\n`);
  if (process.argv.includes('--readme')) {
    const stamp = benchStamp(
      'pnpm --filter @netlab/servers bench --readme',
      `Load average ${startLoad} at the start; generator and servers on the same cores (expect ±30% between runs).`,
    );
    await writeReadmeBlock(README, 'bench', `${stamp}\n\n${output}`);
  }
}

await main();
