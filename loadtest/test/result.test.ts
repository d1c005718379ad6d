import { describe, expect, it } from '@jest/globals';
import { LoadResult } from '../src/index.js';

const rt = { avg: 2, min: 1, max: 9, p50: 2, p90: 3, p95: 4, p99: 8, p999: 9 };

describe('results written before the current definitions', () => {
  it('are read with the rate of successes recomputed and what they lacked filled in', () => {
    const old = {
      target: 'http://127.0.0.1:8080',
      startedAt: '2026-10-01T00:00:00.000Z',
      durationSec: 4,
      users: 10,
      spawnRate: 10,
      requests: 100,
      failures: 20,
      failuresByKind: { refused: 0, reset: 0, timeout: 20, status: 0, malformed: 0, other: 0 },
      rps: 25,
      responseTime: rt,
      avgSize: 10,
      firstFailure: { second: 3.5, users: 10, requests: 90, error: 'timeout after 5s' },
      timeline: [{ second: 0, users: 10, rps: 30, failures: 5, p50: 0, p95: 0 }],
      endpoints: [],
      failureRows: [],
      generatorBound: false,
      generatorNote: null,
      engine: 'lenient',
      stoppedBy: 'time',
    };
    const read = LoadResult.parse(old);
    expect(read.rps).toBe(20);
    expect(read.totalRps).toBe(25);
    expect(read.failuresByKind.closed).toBe(0);
    expect(read.firstFailure).toMatchObject({ second: 3.5, sentSecond: 3.5 });
    expect(read.timeline[0]).toMatchObject({ rps: 25, failures: 5, p50: null });
    expect(read.serviceTime).toEqual(rt);
  });

  it('are told apart from current ones, which are read unchanged', () => {
    const current = LoadResult.parse({
      ...{ target: 'x', startedAt: 'y', durationSec: 1, wallSec: 1, model: 'closed', arrivalRate: null },
      ...{ users: 1, spawnRate: 1, requests: 0, failures: 0, rps: 0, totalRps: 0, retries: 0, lateStarts: 0 },
      failuresByKind: { refused: 0, reset: 0, closed: 0, timeout: 0, status: 0, malformed: 0, other: 0 },
      ...{ responseTime: rt, serviceTime: rt, avgSize: 0, firstFailure: null, timeline: [], endpoints: [] },
      ...{
        failureRows: [],
        generatorBound: false,
        generatorNote: null,
        engine: 'lenient',
        stoppedBy: 'time',
      },
    });
    expect(current.rps).toBe(0);
  });
});
