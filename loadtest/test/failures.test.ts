import net from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { type FailureKind, runLoad } from '../src/index.js';
import {
  type Framing,
  type Reply,
  refusedPort,
  startTestServer,
  type TestServer,
} from './helpers/test-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function onlyKind(byKind: Record<string, number>, kind: FailureKind, count: number): void {
  for (const [k, n] of Object.entries(byKind)) expect([k, n]).toEqual([k, k === kind ? count : 0]);
}

const injected: Array<[string, Reply, FailureKind, Framing, 'lenient' | 'autocannon']> = [
  ['500s', 'status500', 'status', 'keep-alive', 'lenient'],
  ['500s', 'status500', 'status', 'keep-alive', 'autocannon'],
  ['500s from a Python-style server', 'status500', 'status', 'python', 'lenient'],
  ['resets', 'reset', 'reset', 'close', 'lenient'],
  ['malformed responses', 'malformed', 'malformed', 'close', 'lenient'],
];

describe('injected failures are counted as their kind and nowhere else', () => {
  it.each(injected)('%s (%s → %s, %s server, %s engine)', async (_label, reply, kind, framing, engine) => {
    server = await startTestServer(framing, (n) => (n % 4 === 0 ? reply : 'ok'));
    const result = await runLoad({ host: server.url, users: 4, spawnRate: 100, requests: 200, engine });
    expect(server.received()).toBe(200);
    expect(result.requests).toBe(200);
    expect(result.failures).toBe(50);
    onlyKind(result.failuresByKind, kind, 50);
    const successes = result.endpoints.reduce((s, e) => s + e.requests - e.failures, 0);
    expect(successes).toBe(150);
    expect(result.failureRows.reduce((s, f) => s + f.occurrences, 0)).toBe(50);
    expect(result.failureRows.every((f) => f.kind === kind)).toBe(true);
  });

  it('counts a server that never answers as timeouts', async () => {
    server = await startTestServer('keep-alive', (n) => (n <= 2 ? 'hang' : 'ok'));
    const result = await runLoad({
      host: server.url,
      users: 2,
      spawnRate: 100,
      requests: 6,
      timeoutSec: 0.5,
    });
    expect(result.failures).toBe(2);
    onlyKind(result.failuresByKind, 'timeout', 2);
    expect(result.requests).toBe(6);
  });

  it('counts every attempt at a closed port as refused, with no response times', async () => {
    const port = await refusedPort();
    const result = await runLoad({
      host: `http://127.0.0.1:${port}`,
      users: 3,
      spawnRate: 100,
      requests: 30,
    });
    expect(result.requests).toBe(30);
    expect(result.failures).toBe(30);
    onlyKind(result.failuresByKind, 'refused', 30);
    expect(result.responseTime.p50).toBe(0);
    expect(result.firstFailure?.error).toMatch(/ECONNREFUSED/);
  });
});

describe('kept-alive connections the server dropped', () => {
  it('counts a request the server read and then dropped as a failure, never resending it', async () => {
    let answered = 0;
    let dropped = 0;
    // Answers the first request of each connection and drops the connection on the next one.
    const dropper = net.createServer((socket) => {
      let served = false;
      socket.on('error', () => {});
      socket.on('data', () => {
        if (served) {
          dropped++;
          socket.destroy();
          return;
        }
        served = true;
        answered++;
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      });
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    const { port } = dropper.address() as net.AddressInfo;
    try {
      const result = await runLoad({
        host: `http://127.0.0.1:${port}`,
        users: 2,
        spawnRate: 100,
        requests: 20,
      });
      expect(result.requests).toBe(20);
      expect(answered + dropped).toBe(20);
      expect(dropped).toBeGreaterThan(0);
      expect(result.failures).toBe(dropped);
      expect(result.failuresByKind.closed + result.failuresByKind.reset).toBe(dropped);
      expect(result.retries).toBe(0);
    } finally {
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });

  it('sends on a new connection when the server closed the kept-alive one before the write (a retry)', async () => {
    // HTTP/1.1 with a Content-Length, then FIN: the client learns of the close only by reading it.
    const closer = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    });
    await new Promise<void>((resolve) => closer.listen(0, '127.0.0.1', resolve));
    const { port } = closer.address() as net.AddressInfo;
    try {
      const result = await runLoad({
        host: `http://127.0.0.1:${port}`,
        users: 2,
        spawnRate: 100,
        requests: 200,
      });
      expect(result.requests).toBe(200);
      // Each user's second and later requests found the connection closed; only a FIN that lands
      // between our poll and our write (as in any client) can still fail one.
      expect(result.retries + result.failuresByKind.closed).toBe(198);
      expect(result.failures).toBe(result.failuresByKind.closed);
      expect(result.retries).toBeGreaterThan(180);
    } finally {
      await new Promise<void>((resolve) => closer.close(() => resolve()));
    }
  });
});

describe('stop on failure', () => {
  it('stops at the first failure and says when, with how many users and requests', async () => {
    server = await startTestServer('keep-alive', (n) => (n >= 100 ? 'status500' : 'ok'));
    const result = await runLoad({
      host: server.url,
      users: 4,
      spawnRate: 100,
      runTimeSec: 60,
      stopOnFailure: true,
      engine: 'lenient',
    });
    expect(result.stoppedBy).toBe('failure');
    expect(result.firstFailure).not.toBeNull();
    expect(result.firstFailure!.error).toBe('HTTP 500');
    expect(result.firstFailure!.requests).toBeGreaterThanOrEqual(100);
    expect(result.firstFailure!.users).toBeGreaterThan(0);
    expect(result.requests).toBe(server.received());
    expect(result.durationSec).toBeLessThan(60);
  });

  it('stops at once when the host is unreachable', async () => {
    const port = await refusedPort();
    const result = await runLoad({
      host: `http://127.0.0.1:${port}`,
      users: 5,
      runTimeSec: 60,
      stopOnFailure: true,
    });
    expect(result.stoppedBy).toBe('failure');
    expect(result.firstFailure?.requests).toBe(1);
    expect(result.failuresByKind.refused).toBe(result.failures);
  });
});
