import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Model } from '../../src/index.js';
import { MAX_REQUESTS_PER_CONNECTION } from '../../src/http/connection.js';
import { makeSite, type Site } from '../fixtures/make-site.js';
import { bodyFlood, dribble, normalClientMedian, slowloris, watchRss } from './hostile-clients.js';
import { exchange, parseResponses } from './raw-http.js';
import { type Served, startServe } from './spawn-serve.js';

/** Short deadlines so each probe ends in seconds; the defaults (30 s, 30 s, 10 s) only scale them. */
export const HOSTILE_FLAGS = [
  '--keep-alive',
  '--workers',
  '4',
  '--idle-timeout',
  '3000',
  '--header-timeout',
  '1500',
  '--send-timeout',
  '1500',
  '--shutdown-grace',
  '1500',
];

/**
 * The memory bound the servers promise under attack. Service to other clients is asserted as answered
 * requests, not as a latency: how fast they are answered is `pnpm bench:hostile`'s, beside nginx.
 */
const MAX_TREE_RSS = 400 * 1024 * 1024;
const HUGE_FILE_BYTES = 48 * 1024 * 1024;

const host = 'Host: localhost\r\n';

/** Requests whose framing cannot be trusted: each must get exactly one error response and a closed connection. */
const FRAMING: [string, number, string][] = [
  [
    'two Content-Lengths',
    400,
    `GET / HTTP/1.1\r\n${host}Content-Length: 33\r\nContent-Length: 0\r\n\r\nGET /smuggled HTTP/1.1\r\n${host}\r\n`,
  ],
  [
    'Content-Length and Transfer-Encoding',
    400,
    `GET / HTTP/1.1\r\n${host}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  ],
  ['Content-Length: 1e23', 400, `GET / HTTP/1.1\r\n${host}Content-Length: 1e23\r\n\r\n`],
  ['a 20-digit Content-Length', 400, `GET / HTTP/1.1\r\n${host}Content-Length: 99999999999999999999\r\n\r\n`],
  ['Transfer-Encoding: xchunked', 501, `GET / HTTP/1.1\r\n${host}Transfer-Encoding: xchunked\r\n\r\n`],
  ['Transfer-Encoding in HTTP/1.0', 400, `GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ['HTTP/1.1 without Host', 400, 'GET / HTTP/1.1\r\n\r\n'],
  ['two Hosts', 400, `GET / HTTP/1.1\r\n${host}${host}\r\n`],
  ['bare CR line ends', 400, `GET / HTTP/1.1\r${host}\r\r`],
  ['obs-fold', 400, `GET / HTTP/1.1\r\n${host}X-A: 1\r\n  folded\r\n\r\n`],
];

/** The start of a TLS 1.2 ClientHello: what a browser sends to an http:// port it thinks is https. */
const TLS_HELLO = Buffer.from('16030100a5010000a10303', 'hex');

/** Counts the responses in `raw`, which may end in the middle of one. */
function countResponses(raw: Buffer): number {
  let count = 0;
  for (let at = raw.indexOf('HTTP/1.1 '); at !== -1; at = raw.indexOf('HTTP/1.1 ', at + 1)) count++;
  return count;
}

/** Reads a file over a connection that pauses after its first bytes, while `meanwhile` runs. */
function pausedDownload(
  port: number,
  raw: string,
  meanwhile: () => Promise<void>,
): Promise<{ bytes: Buffer; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let first = true;
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!first) return;
      first = false;
      socket.pause();
      void meanwhile().then(() => socket.resume());
    });
    socket.on('end', () => resolve({ bytes: Buffer.concat(chunks), closedByServer: true }));
    socket.on('close', () => resolve({ bytes: Buffer.concat(chunks), closedByServer: false }));
    socket.write(raw);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a hostile client tries, against one model run as the CLI runs it (a real process, so the memory
 * of its whole process tree can be read). Every probe ends with the server still answering.
 */
export function hostileSuite(model: Model): void {
  describe(`${model} model under hostile clients`, () => {
    let site: Site;
    let served: Served;
    let port: number;

    const stillServing = async (): Promise<void> => {
      const [response] = parseResponses(
        await exchange(port, `GET / HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, { timeoutMs: 20_000 }),
      );
      expect(response?.status).toBe(200);
    };

    beforeAll(async () => {
      site = makeSite();
      writeFileSync(path.join(site.root, 'huge.bin'), Buffer.alloc(HUGE_FILE_BYTES, 0x62));
      served = await startServe([
        'http',
        '--model',
        model,
        '--port',
        '0',
        '--root',
        site.root,
        ...HOSTILE_FLAGS,
      ]);
      port = served.port;
    }, 60_000);

    afterAll(async () => {
      if (served && served.child.exitCode === null) {
        served.child.kill('SIGKILL');
        await served.exited;
      }
      site?.remove();
    });

    it(`answers ${MAX_REQUESTS_PER_CONNECTION} of 4,000 pipelined requests sent in one write, closes, and keeps serving`, async () => {
      const raw = await exchange(port, `HEAD / HTTP/1.1\r\n${host}\r\n`.repeat(4000), { timeoutMs: 30_000 });
      expect(countResponses(raw)).toBe(MAX_REQUESTS_PER_CONNECTION);
      expect(served.child.exitCode).toBeNull();
      await stillServing();
    }, 60_000);

    it.each(FRAMING)('answers %s with one %d and closes', async (_name, status, raw) => {
      const responses = parseResponses(await exchange(port, raw, { timeoutMs: 20_000 }));
      expect(responses.map((r) => r.status)).toEqual([status]);
      expect(responses[0]!.headers.get('connection')).toBe('close');
    });

    it('answers TLS bytes on the HTTP port with 400 at once, not after a timeout', async () => {
      const responses = parseResponses(await exchange(port, TLS_HELLO, { timeoutMs: 20_000 }));
      expect(responses.map((r) => r.status)).toEqual([400]);
    });

    it('discards a body within --max-body and answers the next pipelined request on the same connection', async () => {
      const body = 'x'.repeat(5000);
      const raw = await exchange(
        port,
        `GET / HTTP/1.1\r\n${host}Content-Length: ${body.length}\r\n\r\n${body}` +
          `GET /notfound-here HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
        { timeoutMs: 20_000 },
      );
      expect(parseResponses(raw).map((r) => r.status)).toEqual([200, 404]);
    });

    it('refuses a body over --max-body with 413 before it is sent', async () => {
      const responses = parseResponses(
        await exchange(port, `GET / HTTP/1.1\r\n${host}Content-Length: 2000000\r\n\r\n`, {
          timeoutMs: 20_000,
        }),
      );
      expect(responses.map((r) => r.status)).toEqual([413]);
    });

    it('redirects a folder without its slash, keeping the query', async () => {
      const [response] = parseResponses(
        await exchange(port, `GET /sub?x=1 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, {
          timeoutMs: 20_000,
        }),
      );
      expect(response?.status).toBe(301);
      expect(response?.headers.get('location')).toBe('/sub/?x=1');
    });

    it('keeps two 100 GB body floods from costing memory or other clients their service', async () => {
      const rss = watchRss(served.child.pid!);
      const floods = [bodyFlood(port, 8000), bodyFlood(port, 8000)];
      await sleep(300);
      await normalClientMedian(port);
      const results = await Promise.all(floods);
      const highest = rss.stop();
      for (const result of results) expect(result.statusLine).toMatch(/^HTTP\/1\.1 413 /);
      expect(highest).toBeLessThan(MAX_TREE_RSS);
      await stillServing();
    }, 60_000);

    it('closes a connection whose file is cut short while sent, never starting the next response inside it', async () => {
      const file = path.join(site.root, 'shrinking.bin');
      writeFileSync(file, Buffer.alloc(HUGE_FILE_BYTES, 0x63));
      const result = await pausedDownload(
        port,
        `GET /shrinking.bin HTTP/1.1\r\n${host}\r\nGET / HTTP/1.1\r\n${host}\r\n`,
        async () => {
          const fd = openSync(file, 'r+');
          ftruncateSync(fd, 1024 * 1024);
          closeSync(fd);
          await sleep(300);
        },
      );
      const headEnd = result.bytes.indexOf('\r\n\r\n') + 4;
      expect(result.bytes.length - headEnd).toBeLessThan(HUGE_FILE_BYTES);
      expect(result.bytes.indexOf('HTTP/1.1', headEnd)).toBe(-1);
      await stillServing();
    }, 60_000);

    it('cuts a client that stops reading a large file after --send-timeout', async () => {
      // Ten times the send timeout: a starved server process on a busy machine still gets to its timer.
      const result = await pausedDownload(port, `GET /huge.bin HTTP/1.1\r\n${host}\r\n`, () => sleep(15_000));
      expect(result.bytes.length).toBeLessThan(HUGE_FILE_BYTES);
      await stillServing();
    }, 60_000);

    it('serves a normal client while 300 slowloris connections trickle their heads', async () => {
      const attack = await slowloris(port, 300, 1000);
      try {
        await sleep(500);
        // Every one of the normal client's requests answered 200 while the attack holds its connections.
        await expect(normalClientMedian(port)).resolves.toBeGreaterThan(0);
      } finally {
        attack.stop();
      }
    }, 60_000);

    it('cuts a head dribbled a byte at a time at --header-timeout, however often bytes come', async () => {
      const result = await dribble(port, 100);
      // At 100 ms a byte the head would take over 25 s; the deadline is 1.5 s after its first byte.
      expect(result.bytes).toBeLessThan(100);
    }, 60_000);

    it('ends on SIGTERM within --shutdown-grace although a client has stopped reading', async () => {
      const stalled = net.connect({ port, host: '127.0.0.1' });
      stalled.on('error', () => {});
      stalled.write(`GET /huge.bin HTTP/1.1\r\n${host}\r\n`);
      stalled.once('data', () => stalled.pause());
      await sleep(500);
      served.child.kill('SIGTERM');
      const exit = await served.exited;
      stalled.destroy();
      expect(exit).toEqual({ code: 0, signal: null });
    }, 60_000);
  });
}
