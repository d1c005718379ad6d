import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpServer, type HttpServer, type Model } from '../../src/index.js';
import { BIG_BYTES, makeSite, SECRET, type Site } from '../fixtures/make-site.js';
import { Conversation, exchange, get, parseResponses, request } from './raw-http.js';

const IDLE_MS = 800;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const TRAVERSALS = [
  '/../secret.txt',
  '/../../../../etc/passwd',
  '/%2e%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/..%2fsecret.txt',
  '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '/..\\secret.txt',
  '/%5c..%5csecret.txt',
  '/sub/..%5c..%5csecret.txt',
  '/index.html%00.png',
  '/%00',
  '//etc/passwd',
  '/etc/passwd',
  '/escape.txt',
  '/up/secret.txt',
  'http://localhost/../secret.txt',
  '../secret.txt',
];

/**
 * The conformance suite every concurrency model must pass, on real sockets. Each model runs it from its
 * own file under test/conformance/ so jest can run models side by side.
 */
export function conformanceSuite(model: Model): void {
  describe(`${model} model`, () => {
    let site: Site;
    let server: HttpServer;
    let keepAliveServer: HttpServer;
    let port: number;
    let keepAlivePort: number;
    const file = (name: string): Buffer => readFileSync(path.join(site.root, name));

    beforeAll(async () => {
      site = makeSite();
      server = createHttpServer({ model, root: site.root, idleTimeoutMs: IDLE_MS, log: () => {} });
      keepAliveServer = createHttpServer({
        model,
        root: site.root,
        keepAlive: true,
        idleTimeoutMs: IDLE_MS,
        log: () => {},
      });
      port = (await server.listen(0, '127.0.0.1')).port;
      keepAlivePort = (await keepAliveServer.listen(0, '127.0.0.1')).port;
    });

    afterAll(async () => {
      await Promise.all([server?.close(), keepAliveServer?.close()]);
      site?.remove();
    });

    it('serves index.html for / with CRLF, Content-Length, Date, Server and Connection: close', async () => {
      const raw = await exchange(port, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const head = raw.toString('latin1', 0, raw.indexOf('\r\n\r\n'));
      expect(head.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
      const [response] = parseResponses(raw);
      expect(response!.status).toBe(200);
      expect(response!.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response!.headers.get('content-length')).toBe(String(file('index.html').length));
      expect(response!.body.equals(file('index.html'))).toBe(true);
      expect(response!.headers.get('connection')).toBe('close');
      expect(new Date(response!.headers.get('date')!).getTime()).not.toBeNaN();
      expect(response!.headers.get('server')).toBe('netlab');
    });

    it.each([
      ['/style.css', 'text/css; charset=utf-8'],
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/photo.jpg', 'image/jpeg'],
      ['/logo.png', 'image/png'],
      ['/sub/', 'text/html; charset=utf-8'],
    ])('serves %s as %s, byte for byte', async (target, type) => {
      const response = await get(port, target);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      const name = target.endsWith('/') ? `${target}index.html` : target;
      expect(response.body.equals(file(name.slice(1)))).toBe(true);
    });

    it('answers a missing file with 404 and notfound.html', async () => {
      const response = await get(port, '/no/such/file.html');
      expect(response.status).toBe(404);
      expect(response.body.equals(file('notfound.html'))).toBe(true);
    });

    it('answers HEAD with the GET headers and no body', async () => {
      const response = await request(port, 'HEAD /photo.jpg HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(file('photo.jpg').length));
      const raw = await exchange(port, 'HEAD /photo.jpg HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(raw.toString('latin1').endsWith('\r\n\r\n')).toBe(true);
    });

    it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('answers %s with 405 and Allow', async (method) => {
      const response = await request(port, `${method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    });

    it.each([
      ['one word', 'GARBAGE\r\n\r\n'],
      ['two words', 'GET /\r\n\r\n'],
      ['four words', 'GET / HTTP/1.1 extra\r\n\r\n'],
      ['not HTTP', 'GET / FTP/1.0\r\n\r\n'],
      ['a bad header line', 'GET / HTTP/1.1\r\nno colon here\r\n\r\n'],
      ['a bad Content-Length', 'GET / HTTP/1.1\r\nContent-Length: lots\r\n\r\n'],
      ['binary junk', '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n'],
    ])('answers %s with 400', async (_name, raw) => {
      expect((await request(port, raw)).status).toBe(400);
    });

    it('answers a head over 8 KiB with 431', async () => {
      const response = await request(port, `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`);
      expect(response.status).toBe(431);
    });

    it('answers 431 without waiting for the end of an endless head', async () => {
      const response = await request(port, `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}`);
      expect(response.status).toBe(431);
    });

    it('parses a request split across many writes', async () => {
      const raw = 'GET /style.css HTTP/1.1\r\nHost: localhost\r\nUser-Agent: split\r\n\r\n';
      const response = await request(port, raw, { pieces: raw.split('') });
      expect(response.status).toBe(200);
      expect(response.body.equals(file('style.css'))).toBe(true);
    });

    it('accepts bare LF line ends from hand-written clients', async () => {
      expect((await request(port, 'GET /style.css HTTP/1.0\n\n')).status).toBe(200);
    });

    it.each(TRAVERSALS)('never serves a byte from outside the root for %s', async (target) => {
      const raw = await exchange(port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const [response] = parseResponses(raw);
      expect([400, 403, 404]).toContain(response!.status);
      expect(raw.toString('latin1')).not.toContain(SECRET);
      expect(raw.toString('latin1')).not.toContain('root:x:0');
    });

    it('streams a large file whole, with its Content-Length', async () => {
      const response = await get(port, '/big.bin');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(BIG_BYTES));
      expect(createHash('sha256').update(response.body).digest('hex')).toBe(site.bigSha256);
    });

    it('drops a client that connects and sends nothing', async () => {
      const idle = net.connect({ port, host: '127.0.0.1' });
      idle.on('error', () => {});
      idle.resume();
      await new Promise((resolve) => idle.once('close', resolve));
      expect((await get(port, '/')).status).toBe(200);
    });

    it('shrugs off clients that reset mid-response', async () => {
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          const socket = net.connect({ port, host: '127.0.0.1' });
          socket.on('error', () => {});
          socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
          await new Promise((resolve) => socket.once('data', resolve));
          socket.resetAndDestroy();
        }),
      );
      const response = await get(port, '/big.bin');
      expect(createHash('sha256').update(response.body).digest('hex')).toBe(site.bigSha256);
    });

    it('closes after each response without --keep-alive, even when asked to keep it', async () => {
      const response = await get(port, '/', 'Connection: keep-alive\r\n');
      expect(response.headers.get('connection')).toBe('close');
    });

    it('keeps a connection open across requests with --keep-alive', async () => {
      const talk = new Conversation(keepAlivePort);
      for (const name of ['index.html', 'style.css', 'photo.jpg']) {
        talk.send(`GET /${name} HTTP/1.1\r\nHost: x\r\n\r\n`);
        const response = await talk.next();
        expect(response.headers.get('connection')).toBe('keep-alive');
        expect(response.body.equals(file(name))).toBe(true);
      }
      talk.send('GET /logo.png HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      const last = await talk.next();
      expect(last.headers.get('connection')).toBe('close');
      await talk.closed;
    });

    it('answers pipelined requests in order with --keep-alive', async () => {
      const raw = await exchange(
        keepAlivePort,
        'GET /style.css HTTP/1.1\r\nHost: x\r\n\r\nHEAD /app.js HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      const first = raw.indexOf('\r\n\r\n') + 4 + file('style.css').length;
      const [css] = parseResponses(raw.subarray(0, first));
      const [js] = parseResponses(raw.subarray(first, raw.indexOf('\r\n\r\n', first) + 4), true);
      const [missing] = parseResponses(raw.subarray(raw.indexOf('\r\n\r\n', first) + 4));
      expect([css!.status, js!.status, missing!.status]).toEqual([200, 200, 404]);
    });

    it('closes HTTP/1.0 connections that do not ask for keep-alive', async () => {
      const response = await request(keepAlivePort, 'GET / HTTP/1.0\r\n\r\n');
      expect(response.headers.get('connection')).toBe('close');
    });

    // Per-connection models start 200 processes or threads here: slow on a busy 2-core machine, hence the
    // timeouts, and a server of its own whose idle timeout (also the most a connection waits for a slot) is long.
    it('serves 200 concurrent clients, every one correctly', async () => {
      const patient = createHttpServer({ model, root: site.root, idleTimeoutMs: 170_000, log: () => {} });
      const { port: patientPort } = await patient.listen(0, '127.0.0.1');
      try {
        const index = file('index.html');
        const responses = await Promise.all(
          Array.from({ length: 200 }, () =>
            request(patientPort, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', { timeoutMs: 170_000 }),
          ),
        );
        expect(responses.filter((r) => r.status === 200 && r.body.equals(index))).toHaveLength(200);
      } finally {
        await patient.close();
      }
    }, 180_000);

    it('finishes an in-flight response on close, then leaves no child process or thread', async () => {
      const site2 = createHttpServer({ model, root: site.root, idleTimeoutMs: IDLE_MS, log: () => {} });
      const { port: port2 } = await site2.listen(0, '127.0.0.1');
      const chunks: Buffer[] = [];
      const socket = net.connect({ port: port2, host: '127.0.0.1' });
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunks.push(chunk))));
      socket.pause();
      const pids = site2.livePids();
      if (model === 'multiprocess' || model === 'prefork') expect(pids.length).toBeGreaterThan(0);
      if (model === 'multithread' || model === 'threadpool') expect(site2.liveThreads()).toBeGreaterThan(0);
      const closing = site2.close();
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.resume();
      await Promise.all([closing, closed]);
      const [response] = parseResponses(Buffer.concat(chunks));
      expect(createHash('sha256').update(response!.body).digest('hex')).toBe(site.bigSha256);
      expect(site2.livePids()).toEqual([]);
      expect(site2.liveThreads()).toBe(0);
      expect(pids.filter(isAlive)).toEqual([]);
    });
  });
}
