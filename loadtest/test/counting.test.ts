import { afterEach, describe, expect, it } from '@jest/globals';
import { runLoad } from '../src/index.js';
import {
  type Framing,
  refusedPort,
  startTestServer,
  TEST_BODY_BYTES,
  type TestServer,
} from './helpers/test-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const cases: Array<[Framing, 'lenient' | 'autocannon' | 'auto', boolean]> = [
  ['keep-alive', 'lenient', true],
  ['keep-alive', 'autocannon', true],
  ['keep-alive', 'auto', true],
  ['keep-alive', 'lenient', false],
  ['close', 'lenient', true],
  ['close', 'auto', true],
  ['python', 'lenient', true],
  ['python', 'auto', false],
];

describe('reported requests are the requests the server received', () => {
  it.each(cases)('%s server, %s engine, keepAlive %s, fixed count', async (framing, engine, keepAlive) => {
    server = await startTestServer(framing);
    const result = await runLoad({
      host: server.url,
      users: 8,
      spawnRate: 100,
      requests: 400,
      engine,
      keepAlive,
    });
    expect(result.requests).toBe(400);
    expect(server.received()).toBe(400);
    expect(result.failures).toBe(0);
    expect(result.avgSize).toBe(TEST_BODY_BYTES);
    expect(result.stoppedBy).toBe('requests');
  });

  it.each(cases.slice(0, 2).concat(cases.slice(4, 5), cases.slice(6, 7)))(
    '%s server, %s engine, timed run',
    async (framing, engine, keepAlive) => {
      server = await startTestServer(framing);
      const result = await runLoad({
        host: server.url,
        users: 4,
        spawnRate: 100,
        runTimeSec: 1,
        engine,
        keepAlive,
      });
      expect(result.stoppedBy).toBe('time');
      expect(result.requests).toBeGreaterThan(0);
      expect(result.requests).toBe(server.received());
      expect(result.failures).toBe(0);
      const timelineFailures = result.timeline.reduce((sum, p) => sum + p.failures, 0);
      expect(timelineFailures).toBe(0);
      // The rate is over the run's own second, not the wall time with start-up and drain.
      expect(result.durationSec).toBeGreaterThanOrEqual(1);
      expect(result.durationSec).toBeLessThan(1.5);
      expect(Math.abs(result.rps * result.durationSec - result.requests)).toBeLessThan(
        result.requests * 0.01,
      );
      // One whole second; requests answered after it are in the totals only.
      expect(result.timeline.map((p) => p.second)).toEqual([0]);
      expect(result.timeline[0]!.total!.requests).toBe(result.timeline[0]!.rps);
      expect(result.timeline[0]!.rps).toBeLessThanOrEqual(result.requests);
    },
  );
});

describe('endpoints', () => {
  it('lists only the tasks that were requested', async () => {
    server = await startTestServer('keep-alive');
    const result = await runLoad({
      host: server.url,
      users: 1,
      requests: 1,
      tasks: [{ path: '/a' }, { path: '/b' }, { path: '/c' }],
    });
    expect(result.endpoints.map((e) => e.requests)).toEqual([1]);
  });
});

describe('connections', () => {
  it('opens one connection per request without keep-alive, and one per user with it', async () => {
    server = await startTestServer('keep-alive');
    await runLoad({ host: server.url, users: 5, spawnRate: 100, requests: 300, keepAlive: false });
    expect(server.connections()).toBe(300);
    await server.close();
    server = await startTestServer('keep-alive');
    const result = await runLoad({ host: server.url, users: 5, spawnRate: 1000, runTimeSec: 0.5 });
    expect(result.requests).toBeGreaterThan(5);
    expect(server.connections()).toBe(5);
  });

  it.each([true, false])(
    'sends no request twice when a refused port starts listening mid-run (keepAlive %s)',
    async (keepAlive) => {
      const port = await refusedPort();
      const run = runLoad({
        host: `http://127.0.0.1:${port}`,
        users: 3,
        spawnRate: 100,
        runTimeSec: 1.5,
        wait: [0.01, 0.01],
        keepAlive,
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      server = await startTestServer('keep-alive', () => 'ok', port);
      const result = await run;
      expect(result.failuresByKind.refused).toBeGreaterThan(0);
      expect(result.failures).toBe(result.failuresByKind.refused);
      expect(result.requests - result.failures).toBeGreaterThan(0);
      expect(server.received()).toBe(result.requests - result.failures);
    },
  );
});
