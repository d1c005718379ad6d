import { afterEach, describe, expect, it } from '@jest/globals';
import { arrivalSecond } from '../src/scheduler.js';
import { runLoad } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers/test-servers.js';
import { stallingPlan } from './helpers/stalling-plan.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('open model (--arrival-rate)', () => {
  it('schedules a constant or linearly growing rate', () => {
    expect(arrivalSecond(200, 100, 100, 10)).toBe(2);
    // 50 → 150 req/s over 10 s: 1,000 requests in all, the 500th at the time the integral reaches 500.
    const t = arrivalSecond(500, 50, 150, 10);
    expect(50 * t + (100 / 20) * t * t).toBeCloseTo(500, 6);
    expect(arrivalSecond(1000, 50, 150, 10)).toBeCloseTo(10, 6);
    expect(arrivalSecond(1150, 50, 150, 10)).toBeCloseTo(11, 6);
  });

  it('times each request from its schedule: a server that stalls 1 s in 4 shows in p99 (200/s, 100 connections, 12 s)', async () => {
    server = await startTestServer('keep-alive', stallingPlan(4000, 1000));
    const result = await runLoad({
      host: server.url,
      arrivalRate: 200,
      users: 100,
      runTimeSec: 12,
      timeoutSec: 5,
    });
    expect(result.model).toBe('open');
    expect(result.arrivalRate).toEqual({ from: 200, to: 200 });
    expect(Math.abs(result.requests - 2400)).toBeLessThanOrEqual(120);
    expect(result.failures).toBe(0);
    expect(result.responseTime.p99).toBeGreaterThanOrEqual(800);
    expect(result.responseTime.p50).toBeLessThan(100);
    // 200 requests arrive per stalled second and 100 connections are busy: the rest start late.
    expect(result.lateStarts).toBeGreaterThan(0);
    expect(result.serviceTime.p99).toBeLessThanOrEqual(result.responseTime.p99);
  }, 60_000);

  it('uses one connection per request without keep-alive, never more than the pool at once', async () => {
    server = await startTestServer('close');
    const result = await runLoad({
      host: server.url,
      arrivalRate: 100,
      users: 5,
      runTimeSec: 1,
      keepAlive: false,
    });
    expect(result.requests).toBe(server.connections());
    expect(Math.abs(result.requests - 100)).toBeLessThanOrEqual(5);
    expect(result.timeline.every((p) => p.users === 5)).toBe(true);
  }, 30_000);
});
