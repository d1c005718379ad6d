import net from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseReply, runHttpCheck } from '../src/probes/http-probe.js';
import { runTcpCheck } from '../src/probes/tcp-probe.js';

let server: net.Server | undefined;

/** A raw node:net server answering every request with `reply` (student servers' quirks included). */
function serve(reply: string | null, close = true): Promise<number> {
  const created = net.createServer((socket) => {
    socket.once('data', () => {
      if (reply === null) return;
      socket.write(reply);
      if (close) socket.end();
    });
  });
  server = created;
  return new Promise((resolve) =>
    created.listen(0, '127.0.0.1', () => resolve((created.address() as net.AddressInfo).port)),
  );
}

afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

const check = { method: 'GET' as const, path: '/', status: 200, contentLength: false };

describe('runHttpCheck over a raw socket', () => {
  it('passes a matching reply with \\n-only line ends', async () => {
    const port = await serve('HTTP/1.0 200 OK\nContent-Type: text/html; charset=utf-8\n\n<h1>hi</h1>');
    expect(
      await runHttpCheck(port, { ...check, contentType: 'text/html', bodyContains: '<h1>' }, 5000),
    ).toMatchObject({ ok: true });
  });

  it('lists every difference', async () => {
    const port = await serve(
      'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabcdef',
    );
    const r = await runHttpCheck(port, { ...check, contentType: 'text/html', contentLength: true }, 5000);
    expect(r.ok).toBe(false);
    expect(r.detail).toBe(
      'status 404, expected 200; Content-Type "text/plain", expected text/html; Content-Length 3, body 6 bytes',
    );
  });

  it('finishes on Content-Length without waiting for the close', async () => {
    const port = await serve('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', false);
    expect(await runHttpCheck(port, { ...check, contentLength: true }, 20_000)).toMatchObject({
      ok: true,
      detail: 'status 200',
    });
  });

  it('fails a server that never answers, after the timeout', async () => {
    const port = await serve(null);
    expect(await runHttpCheck(port, check, 300)).toEqual({
      label: 'GET / → 200',
      ok: false,
      answered: false,
      detail: 'no complete reply within 0.3 s',
    });
  });

  it('fails on a closed port and on a non-HTTP reply', async () => {
    const port = await serve('hello\n\n');
    expect((await runHttpCheck(port, check, 5000)).detail).toBe('reply is not an HTTP response');
    await new Promise((r) => server?.close(r));
    server = undefined;
    expect((await runHttpCheck(port, check, 5000)).detail).toMatch(/ECONNREFUSED/);
  });
});

describe('parseReply', () => {
  it('waits for the end of the headers', () => {
    expect(parseReply(Buffer.from('HTTP/1.1 200 OK\r\nA: b\r\n'))).toBeNull();
    expect(parseReply(Buffer.from('HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody'))?.body.toString()).toBe('body');
  });
});

describe('runTcpCheck (echo)', () => {
  /** An echo server that answers in pieces, as recv() loops do. */
  function echo(transform: (b: Buffer) => Buffer = (b) => b): Promise<number> {
    const created = net.createServer((socket) => {
      socket.on('data', (d: Buffer) => {
        const out = transform(d);
        socket.write(out.subarray(0, 3));
        setTimeout(() => socket.write(out.subarray(3)), 20);
      });
    });
    server = created;
    return new Promise((resolve) =>
      created.listen(0, '127.0.0.1', () => resolve((created.address() as net.AddressInfo).port)),
    );
  }

  it('passes when the same bytes come back, Hangul included, in pieces', async () => {
    const port = await echo();
    expect(await runTcpCheck(port, { send: '안녕하세요, 네트워크!\n' }, 5000)).toMatchObject({
      ok: true,
      detail: '31 bytes back',
    });
  });

  it('compares against `expect` and says what came back', async () => {
    const port = await echo((b) => Buffer.from(b.toString().toUpperCase()));
    expect(await runTcpCheck(port, { send: 'hello\n', expect: 'HELLO\n' }, 5000)).toMatchObject({ ok: true });
    const r = await runTcpCheck(port, { name: 'echo', send: 'hello\n' }, 5000);
    expect(r).toEqual({
      label: 'echo',
      ok: false,
      answered: true,
      detail: 'got 6 bytes "HELLO\\n", expected 6 bytes',
    });
  });
});
