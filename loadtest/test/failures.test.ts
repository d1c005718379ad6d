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
  it('resends once on a new connection, counting neither a failure nor the lost attempt', async () => {
    let answered = 0;
    let dropped = 0;
    // Answers the first request of each connection and hangs up on the next, unanswered: a
    // server that timed the idle connection out just as the request arrived.
    const stale = net.createServer((socket) => {
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
    await new Promise<void>((resolve) => stale.listen(0, '127.0.0.1', resolve));
    const { port } = stale.address() as net.AddressInfo;
    try {
      const result = await runLoad({
        host: `http://127.0.0.1:${port}`,
        users: 2,
        spawnRate: 100,
        requests: 20,
      });
      expect(result.requests).toBe(20);
      expect(result.failures).toBe(0);
      expect(answered).toBe(20);
      expect(dropped).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((resolve) => stale.close(() => resolve()));
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
