#!/usr/bin/env tsx
// Hostile-client probes, netlab's models beside Debian's nginx on the same folder, with the same deadlines.
// `pnpm bench:hostile` prints the table; with --readme it also rewrites the marked block in servers/README.md.
import { benchStamp, writeReadmeBlock } from '@netlab/kit';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '@netlab/kit';
import { DEFAULT_ROOT, type Model } from '../src/index.js';
import {
  bodyFlood,
  dribble,
  normalClientMedian,
  slowloris,
  watchRss,
} from '../test/helpers/hostile-clients.js';
import { exchange, parseResponses } from '../test/helpers/raw-http.js';
import { type Running, startNginx, waitForPort } from './references.js';

/** One deadline for both servers' header and send timeouts, so each probe ends in seconds. */
const DEADLINE_S = 3;
const MODELS_PROBED: Model[] = ['select', 'prefork', 'multithread', 'threadpool', 'single', 'multiprocess'];
const HUGE_BYTES = 48 * 1024 * 1024;
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SERVE = fileURLToPath(new URL('../src/bin/serve.ts', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const host = 'Host: localhost\r\n';

const progress = (line: string): void => void process.stderr.write(`${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function startModel(model: Model, root: string): Promise<Running> {
  const port = await freePort();
  const deadline = String(DEADLINE_S * 1000);
  const child = spawn(
    process.execPath,
    [
      '--import',
      TSX_LOADER,
      SERVE,
      'http',
      '--model',
      model,
      '--port',
      String(port),
      '--root',
      root,
      '--keep-alive',
      '--header-timeout',
      deadline,
      '--send-timeout',
      deadline,
      '--shutdown-grace',
      deadline,
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  await waitForPort(port, child);
  return { port, child, stop: async () => void child.kill('SIGKILL') };
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

async function alive(port: number): Promise<boolean> {
  try {
    const raw = await exchange(port, `GET / HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, {
      timeoutMs: 10_000,
    });
    return parseResponses(raw)[0]?.status === 200;
  } catch {
    return false;
  }
}

/** A download that reads its first bytes and then nothing; resolves with when the server gave up on it. */
function stalledDownload(port: number): { socket: net.Socket; cut: Promise<number> } {
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('error', () => {});
  const start = performance.now();
  socket.write(`GET /huge.bin HTTP/1.1\r\n${host}\r\n`);
  socket.once('data', () => socket.pause());
  // Paused, the socket learns of the server's close only by writing: a byte into a closed socket draws a reset.
  const cut = new Promise<number>((resolve) => {
    const timer = setInterval(() => socket.write('X'), 250);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(performance.now() - start);
    });
  });
  return { socket, cut };
}

interface Probe {
  server: string;
  pipelined: string;
  floodRssMb: number;
  floodMedianMs: number;
  framing: string;
  slowlorisMedianMs: number;
  dribbleCutS: string;
  stalledCutS: string;
  stopS: string;
}

async function probe(name: string, server: Running): Promise<Probe> {
  const { port } = server;
  const pid = server.child!.pid!;
  progress(`${name}: pipelining`);
  const raw = await exchange(port, `HEAD / HTTP/1.1\r\n${host}\r\n`.repeat(4000), { timeoutMs: 30_000 });
  const answered = raw.toString('latin1').split('HTTP/1.1 ').length - 1;
  const pipelined = `${answered}, ${(await alive(port)) ? 'alive' : 'DEAD'}`;

  progress(`${name}: floods`);
  const rss = watchRss(pid);
  const floods = [bodyFlood(port, 8000), bodyFlood(port, 8000)];
  await sleep(500);
  const floodMedianMs = await normalClientMedian(port, 30);
  await Promise.all(floods);
  const floodRssMb = rss.stop() / 2 ** 20;

  progress(`${name}: framing`);
  const statuses: number[] = [];
  for (const request of [
    `GET / HTTP/1.1\r\n${host}Content-Length: 33\r\nContent-Length: 0\r\n\r\nGET /smuggled HTTP/1.1\r\n${host}\r\n`,
    `GET / HTTP/1.1\r\n${host}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  ]) {
    statuses.push(
      ...parseResponses(await exchange(port, request, { timeoutMs: 20_000 })).map((r) => r.status),
    );
  }

  progress(`${name}: slowloris`);
  const attack = await slowloris(port, 300, 1000);
  await sleep(1000);
  const slowlorisMedianMs = await normalClientMedian(port, 30);
  attack.stop();

  progress(`${name}: dribble`);
  const dribbled = await Promise.race([dribble(port, 500), sleep(40_000).then(() => undefined)]);

  progress(`${name}: stalled reader`);
  const stalled = stalledDownload(port);
  const stalledCut = await Promise.race([stalled.cut, sleep(30_000).then(() => undefined)]);
  stalled.socket.destroy();

  progress(`${name}: graceful stop with a stalled reader`);
  const holder = stalledDownload(port);
  await sleep(500);
  const stopStart = performance.now();
  // nginx's graceful stop is SIGQUIT (SIGTERM is its fast stop); netlab-serve's is SIGTERM.
  server.child!.kill(name === 'nginx' ? 'SIGQUIT' : 'SIGTERM');
  const stopped = await Promise.race([
    exited(server.child!).then(() => performance.now() - stopStart),
    sleep(60_000),
  ]);
  holder.socket.destroy();

  const seconds = (ms: unknown): string => (typeof ms === 'number' ? (ms / 1000).toFixed(1) : '> limit');
  return {
    server: name,
    pipelined,
    floodRssMb,
    floodMedianMs,
    framing: statuses.join(' / '),
    slowlorisMedianMs,
    dribbleCutS: seconds(dribbled?.closedAfterMs),
    stalledCutS: seconds(stalledCut),
    stopS: seconds(stopped as number | undefined),
  };
}

function table(rows: Probe[]): string {
  return [
    '| server | 4,000 pipelined HEADs: answered, then | 2 × 100 GB body flood: tree RSS MB | … others’ median ms | 2 × Content-Length / CL + TE | 300 slowloris: others’ median ms | head dribbled 1 B / 0.5 s: cut after s | stalled reader: cut after s | graceful stop with a stalled reader: s |',
    '|---|---|---:|---:|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.server} | ${r.pipelined} | ${r.floodRssMb.toFixed(0)} | ${r.floodMedianMs.toFixed(2)} | ${r.framing} | ${r.slowlorisMedianMs.toFixed(2)} | ${r.dribbleCutS} | ${r.stalledCutS} | ${r.stopS} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'netlab-hostile-'));
  // nginx's workers run as another user: the folder must be readable to them.
  chmodSync(dir, 0o755);
  const root = path.join(dir, 'www');
  cpSync(DEFAULT_ROOT, root, { recursive: true });
  writeFileSync(path.join(root, 'huge.bin'), Buffer.alloc(HUGE_BYTES, 0x62));
  const rows: Probe[] = [];
  try {
    const nginx = await startNginx(
      root,
      `keepalive_requests 1000; client_header_timeout ${DEADLINE_S}s; send_timeout ${DEADLINE_S}s;`,
    );
    if (nginx) rows.push(await probe('nginx', nginx).finally(() => nginx.stop()));
    else progress('nginx not installed: its row is skipped (apt-get install nginx)');
    for (const model of MODELS_PROBED) {
      const server = await startModel(model, root);
      rows.push(await probe(model, server).finally(() => server.stop()));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const output = table(rows);
  process.stdout.write(`\n${output}\n`);
  if (process.argv.includes('--readme')) {
    const stamp = benchStamp(
      'pnpm --filter @netlab/servers bench:hostile --readme',
      `Header and send deadlines ${DEADLINE_S} s on both servers, netlab with \`--keep-alive\` and its other defaults.`,
    );
    await writeReadmeBlock(README, 'hostile-probes', `${stamp}\n\n${output}`);
  }
}

await main();
