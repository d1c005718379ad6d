import { describe, expect, it } from '@jest/globals';
import { CurrentRates, type LoadResult, locustStats } from '../../src/index.js';

const rt = (ms: number) => ({
  avg: ms,
  min: ms / 2,
  max: ms * 3,
  p50: ms,
  p90: ms * 2,
  p95: ms * 2,
  p99: ms * 3,
  p999: ms * 3,
});
const endpoint = (method: string, name: string, requests: number, failures: number) => ({
  method,
  name,
  requests,
  failures,
  responseTime: rt(2),
  avgSize: 100,
  rps: 0,
  failuresPerSec: 0,
});

function result(endpoints: ReturnType<typeof endpoint>[], durationSec: number): LoadResult {
  const requests = endpoints.reduce((s, e) => s + e.requests, 0);
  const failures = endpoints.reduce((s, e) => s + e.failures, 0);
  return {
    target: 'http://127.0.0.1:1',
    startedAt: new Date(0).toISOString(),
    durationSec,
    wallSec: durationSec,
    model: 'closed',
    arrivalRate: null,
    users: 2,
    spawnRate: 1,
    requests,
    failures,
    failuresByKind: { refused: 0, reset: 0, closed: 0, timeout: 0, status: failures, malformed: 0, other: 0 },
    rps: 0,
    totalRps: requests / durationSec,
    retries: 0,
    lateStarts: 0,
    responseTime: rt(2),
    serviceTime: rt(2),
    avgSize: 100,
    firstFailure: null,
    timeline: [{ second: 0, users: 2, rps: 5, failures: 1, p50: 1.5, p95: 4 }],
    endpoints,
    failureRows: failures
      ? [{ method: 'GET', name: '/b', kind: 'status', error: 'HTTP 500', occurrences: failures }]
      : [],
    generatorBound: false,
    generatorNote: null,
    engine: 'lenient',
    stoppedBy: 'running',
  };
}

describe("Locust's GET /stats/requests over a result", () => {
  it('sorts rows by name then method, ends with Aggregated (method ""), names fields as Locust 2.12', () => {
    const r = result(
      [endpoint('POST', '/b', 4, 1), endpoint('GET', '/b', 6, 0), endpoint('GET', '/a', 10, 0)],
      2,
    );
    const stats = locustStats(r, 'running', 2, () => ({ rps: 1, failuresPerSec: 0 }));
    expect(stats.stats.map((s) => `${s.method} ${s.name}`)).toEqual([
      'GET /a',
      'GET /b',
      'POST /b',
      ' Aggregated',
    ]);
    expect(stats.stats.at(-1)).toMatchObject({ num_requests: 20, num_failures: 1, median_response_time: 2 });
    expect(stats.fail_ratio).toBe(0.05);
    expect(stats.current_response_time_percentile_95).toBe(4);
    expect(stats.errors).toEqual([
      { method: 'GET', name: '/b', error: 'HTTP 500', occurrences: 1, kind: 'status' },
    ]);
  });

  it('before any run: one Aggregated row of zeros, no percentiles, state ready', () => {
    const stats = locustStats(null, 'ready', 0, () => ({ rps: 0, failuresPerSec: 0 }));
    expect(stats.stats).toHaveLength(1);
    expect(stats.stats[0]).toMatchObject({ name: 'Aggregated', num_requests: 0 });
    expect(stats.current_response_time_percentile_50).toBeNull();
    expect(stats.state).toBe('ready');
  });
});

describe('current RPS', () => {
  it.each([
    // [requests then, requests now, seconds between, expected rps]
    [100, 300, 1, 200],
    [100, 150, 0.5, 100],
    // fewer than before: the stats were reset, so the rate runs from the reset (durationSec 2)
    [500, 40, 1, 20],
  ])('%i → %i requests over %f s is %f req/s', (then, now, sec, rps) => {
    const rates = new CurrentRates();
    rates.update(result([endpoint('GET', '/', then, 0)], 2), 0);
    rates.update(result([endpoint('GET', '/', now, 0)], 2), sec * 1000);
    expect(rates.of('GET', '/').rps).toBe(rps);
    expect(rates.of('', 'Aggregated').rps).toBe(rps);
  });

  it("after the stop: each row's whole-run rate, Aggregated the JSON's totalRps", () => {
    const rates = new CurrentRates();
    rates.settle({ ...result([endpoint('GET', '/', 90, 9)], 3), totalRps: 29.9 });
    expect(rates.of('GET', '/')).toEqual({ rps: 30, failuresPerSec: 3 });
    expect(rates.of('', 'Aggregated')).toEqual({ rps: 29.9, failuresPerSec: 3 });
  });
});
