import { afterEach, describe, expect, it } from '@jest/globals';
import { runLoad } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers/test-servers.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('spawn ramp and think time', () => {
  it('starts users at the spawn rate up to the user count, never more', async () => {
    server = await startTestServer('keep-alive');
    const result = await runLoad({
      host: server.url,
      users: 6,
      spawnRate: 2,
      runTimeSec: 4.2,
      wait: [0.05, 0.1],
    });
    const users = result.timeline.map((p) => p.users);
    expect(users[0]).toBeLessThan(6);
    expect(users[users.length - 1]).toBe(6);
    expect(Math.max(...users)).toBe(6);
    for (let i = 1; i < users.length; i++) expect(users[i]!).toBeGreaterThanOrEqual(users[i - 1]!);
    // 6 users at 2/s (the first at t = 0) need 2.5 s: never sooner; a slow machine only makes it later.
    expect(users.indexOf(6)).toBeGreaterThanOrEqual(2);
    expect(result.requests).toBe(server.received());
  });

  it('with think time, each user makes at most one request per minimum wait', async () => {
    server = await startTestServer('keep-alive');
    const result = await runLoad({
      host: server.url,
      users: 2,
      spawnRate: 100,
      runTimeSec: 1,
      wait: [0.2, 0.3],
    });
    // 2 users, ≥ 0.2 s between a user's requests, ~1 s (plus the drain): at most 2 × 6 requests.
    expect(result.requests).toBeLessThanOrEqual(12);
    expect(result.requests).toBeGreaterThan(0);
  });
});
