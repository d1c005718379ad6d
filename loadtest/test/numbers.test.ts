import { afterEach, describe, expect, it } from '@jest/globals';
import { runLoad } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers/test-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('every failure is counted, once', () => {
  it.each(['reset', 'fin'] as const)(
    'a server that reads every 50th request and then answers with %s: one failure each, requests = its count',
    async (reply) => {
      server = await startTestServer('keep-alive', (n) => (n % 50 === 0 ? reply : 'ok'));
      const result = await runLoad({ host: server.url, users: 10, spawnRate: 100, runTimeSec: 1.5 });
      const dropped = Math.floor(server.received() / 50);
      expect(result.requests).toBe(server.received());
      expect(result.failures).toBe(dropped);
      expect(result.failuresByKind[reply === 'reset' ? 'reset' : 'closed']).toBe(dropped);
      expect(result.retries).toBe(0);
    },
    30_000,
  );

  it('a Content-Length 10 bytes short of the body makes every response malformed', async () => {
    server = await startTestServer('keep-alive', () => 'short');
    const result = await runLoad({ host: server.url, users: 2, spawnRate: 100, requests: 100 });
    expect(result.requests).toBe(100);
    expect(result.failuresByKind.malformed).toBe(100);
    expect(result.failureRows[0]!.error).toMatch(/10 byte\(s\) after the end of the response/);
  });

  it('a request still open at the stop is waited for and counted as a timeout, never dropped', async () => {
    // Every other connection is never answered.
    server = await startTestServer('keep-alive', (n) => (n % 2 === 0 ? 'hang' : 'ok'));
    const result = await runLoad({
      host: server.url,
      users: 4,
      spawnRate: 100,
      runTimeSec: 1,
      timeoutSec: 2,
      keepAlive: false,
    });
    expect(result.requests).toBe(server.connections());
    expect(result.failuresByKind.timeout).toBe(Math.floor(server.received() / 2));
    expect(result.failures).toBe(result.failuresByKind.timeout);
    expect(result.firstFailure?.kind).toBe('timeout');
    // The run's own time is the second asked for; the wait for the open requests comes after it.
    expect(result.durationSec).toBeLessThan(1.3);
    expect(result.wallSec).toBeGreaterThan(result.durationSec + 1);
  }, 30_000);
});

describe('users at the first failure', () => {
  it('are the users active when the failing request was sent, not when its timeout became known', async () => {
    let start = 0;
    // Requests that arrive after 1.0 s are never answered; users start at 10 per second.
    server = await startTestServer('keep-alive', () => {
      start ||= Date.now();
      return Date.now() - start >= 1000 ? 'hang' : 'ok';
    });
    const result = await runLoad({
      host: server.url,
      users: 30,
      spawnRate: 10,
      runTimeSec: 2,
      timeoutSec: 1,
      wait: [0.05, 0.05],
    });
    const first = result.firstFailure!;
    expect(first.kind).toBe('timeout');
    expect(first.sentSecond).toBeGreaterThanOrEqual(0.9);
    expect(first.sentSecond).toBeLessThan(1.4);
    expect(first.second).toBeGreaterThanOrEqual(first.sentSecond + 1);
    // The scheduler's rule: floor(t × spawn rate) + 1 users at t seconds, give or take its 50 ms tick.
    const expected = Math.floor(first.sentSecond * 10) + 1;
    expect(Math.abs(first.users - expected)).toBeLessThanOrEqual(1);
    expect(first.users).toBeLessThan(Math.floor(first.second * 10) + 1);
  }, 30_000);
});

describe('redirects', () => {
  it('are followed as one request, as Locust HttpUser does, or counted as they are with follow off', async () => {
    server = await startTestServer('keep-alive', (_n, path) => (path === '/' ? 'redirect' : 'ok'));
    const followed = await runLoad({ host: server.url, users: 2, spawnRate: 100, requests: 50 });
    expect(followed.requests).toBe(50);
    expect(server.received()).toBe(100);
    expect(followed.failures).toBe(0);
    expect(followed.endpoints.map((e) => e.name)).toEqual(['/']);
    expect(followed.avgSize).toBe(27);
    const kept = await runLoad({ host: server.url, users: 2, spawnRate: 100, requests: 50, follow: false });
    expect(kept.requests).toBe(50);
    expect(server.received()).toBe(150);
    expect(kept.avgSize).toBe(0);
  });
});

describe('users at send', () => {
  it('count the user sending: a failure of the very first request is at 1 user, never 0', async () => {
    server = await startTestServer('keep-alive', () => 'status500');
    const result = await runLoad({ host: server.url, users: 1, spawnRate: 1, requests: 1 });
    expect(result.firstFailure).toMatchObject({ users: 1, kind: 'status' });
  });
});
