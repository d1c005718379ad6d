import { afterEach, describe, expect, it } from '@jest/globals';
import { runLoad } from '../src/index.js';
import { Recorder } from '../src/recorder.js';
import { startTestServer, type TestServer } from './helpers/test-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('--workers', () => {
  it('spreads a fixed count over threads; the merged result counts what the server saw', async () => {
    server = await startTestServer('keep-alive', (n) => (n % 25 === 0 ? 'status500' : 'ok'));
    const result = await runLoad({ host: server.url, users: 6, spawnRate: 100, requests: 600, workers: 2 });
    expect(result.engine).toMatch(/x2 threads/);
    expect(result.requests).toBe(600);
    expect(server.received()).toBe(600);
    expect(result.failures).toBe(server.served500());
    expect(result.failuresByKind.status).toBe(server.served500());
    const successes = result.endpoints.reduce((sum, e) => sum + e.requests - e.failures, 0);
    expect(successes).toBe(600 - server.served500());
  }, 90_000);

  it('runs for a time with users split across threads', async () => {
    server = await startTestServer('python');
    const result = await runLoad({ host: server.url, users: 4, spawnRate: 100, runTimeSec: 1.5, workers: 2 });
    expect(result.stoppedBy).toBe('time');
    expect(result.requests).toBe(server.received());
    expect(Math.max(...result.timeline.map((p) => p.users))).toBe(4);
  }, 90_000);
});

describe('merging recorders', () => {
  it('gives the same counts and percentiles as one recorder that saw everything', () => {
    const start = 1_000_000;
    const one = new Recorder(start);
    const parts = [new Recorder(start), new Recorder(start)];
    for (let i = 0; i < 500; i++) {
      const at = start + i * 7;
      const ms = 1 + (i % 37) * 0.9;
      for (const r of [one, parts[i % 2]!]) {
        const endpoint = i % 3 === 0 ? r.endpoint('POST', '/form') : r.endpoint('GET', '/');
        if (i % 50 === 0) r.failure(endpoint, 'reset', 'ECONNRESET', at, at - 1, 2);
        else r.success(endpoint, at - ms, at - ms, at, 10);
      }
    }
    const merged = Recorder.merge(
      parts.map((p) => p.toState()),
      start,
    );
    expect(merged.requests).toBe(one.requests);
    expect(merged.failures).toBe(one.failures);
    expect(merged.bytes).toBe(one.bytes);
    expect(one.overall().totalCount).toBe(one.requests - one.failures);
    for (const p of [50, 90, 99, 99.9]) {
      expect(merged.overall().getValueAtPercentile(p)).toBe(one.overall().getValueAtPercentile(p));
    }
    expect(merged.seconds.map((s) => [s.requests, s.failures, s.hist.totalCount])).toEqual(
      one.seconds.map((s) => [s.requests, s.failures, s.hist.totalCount]),
    );
    expect(merged.firstFailure?.atMs).toBe(one.firstFailure?.atMs);
    expect([...merged.failureRows.values()]).toEqual([...one.failureRows.values()]);
  });
});
