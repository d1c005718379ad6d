import { afterEach, describe, expect, it } from '@jest/globals';
import { type Progress, runLoad } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers/test-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const tasks = [{ path: '/a' }, { path: '/b' }];

describe('runLoad live progress', () => {
  it.each([1, 2])(
    'carries the run so far as a result per endpoint (%i thread(s)), the final one counting all of it',
    async (workers) => {
      server = await startTestServer('keep-alive', () => ({ delayMs: 5 }));
      const seen: Progress[] = [];
      const result = await runLoad(
        { host: server.url, users: 2, spawnRate: 10, runTimeSec: 3, tasks, workers },
        { live: true, onProgress: (p) => seen.push(p) },
      );
      const live = seen.map((p) => p.result).filter((r) => r !== undefined);
      expect(live.length).toBeGreaterThan(0);
      for (const r of live) expect(r.stoppedBy).toBe('running');
      const last = live.at(-1)!;
      expect(last.endpoints.map((e) => e.name).sort()).toEqual(['/a', '/b']);
      expect(last.requests).toBe(last.endpoints.reduce((s, e) => s + e.requests, 0));
      expect(last.requests).toBeLessThanOrEqual(result.requests);
      expect(result.stoppedBy).toBe('time');
    },
    60_000,
  );

  it.each([1, 2])(
    'starts the counts afresh on a reset event (%i thread(s)); the result counts from the reset',
    async (workers) => {
      server = await startTestServer('keep-alive', () => ({ delayMs: 5 }));
      const control = new EventTarget();
      let before = 0;
      const result = await runLoad(
        { host: server.url, users: 2, spawnRate: 10, runTimeSec: 4, workers },
        {
          live: true,
          control,
          onProgress: (p) => {
            if (before === 0 && p.elapsedSec >= 2 && p.result && p.result.requests > 0) {
              before = p.result.requests;
              control.dispatchEvent(new Event('reset'));
            }
          },
        },
      );
      expect(before).toBeGreaterThan(0);
      expect(result.durationSec).toBeLessThan(4);
      expect(result.requests).toBe(result.endpoints.reduce((s, e) => s + e.requests, 0));
      expect(server.received()).toBeGreaterThanOrEqual(result.requests + before);
    },
    60_000,
  );
});
