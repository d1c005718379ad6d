import { escapeHtml } from '@netlab/kit';
import type { EndpointStats, LoadResult, ResponseTimeSummary } from '../result.js';
import type { Rate } from './current-rates.js';

/** Locust's runner states that netlab has. */
export type RunState = 'ready' | 'spawning' | 'running' | 'stopped';

/** A row of Locust's `GET /stats/requests` `stats` list, field for field (locust/web.py, 2.12). */
export interface LocustStatsRow {
  method: string;
  name: string;
  safe_name: string;
  num_requests: number;
  num_failures: number;
  avg_response_time: number;
  min_response_time: number;
  max_response_time: number;
  current_rps: number;
  current_fail_per_sec: number;
  median_response_time: number;
  ninetieth_response_time: number;
  ninety_ninth_response_time: number;
  avg_content_length: number;
}

export interface LocustError {
  method: string;
  name: string;
  error: string;
  occurrences: number;
  /** netlab's failure kind (refused, reset, closed, timeout, status, malformed, other). */
  kind: string;
}

/** Locust's `GET /stats/requests` body. */
export interface LocustStats {
  stats: LocustStatsRow[];
  errors: LocustError[];
  total_rps: number;
  fail_ratio: number;
  current_response_time_percentile_95: number | null;
  current_response_time_percentile_50: number | null;
  state: RunState;
  user_count: number;
}

type RateOf = (method: string, name: string) => Rate;

function row(
  method: string,
  name: string,
  e: Pick<EndpointStats, 'requests' | 'failures' | 'avgSize'> & { responseTime: ResponseTimeSummary },
  rate: Rate,
): LocustStatsRow {
  const rt = e.responseTime;
  return {
    method,
    name,
    safe_name: escapeHtml(name),
    num_requests: e.requests,
    num_failures: e.failures,
    avg_response_time: rt.avg,
    min_response_time: rt.min,
    max_response_time: rt.max,
    current_rps: rate.rps,
    current_fail_per_sec: rate.failuresPerSec,
    median_response_time: rt.p50,
    ninetieth_response_time: rt.p90,
    ninety_ninth_response_time: rt.p99,
    avg_content_length: e.avgSize,
  };
}

/**
 * Locust's `GET /stats/requests` over a result: one row per endpoint sorted by name then method, and
 * the Aggregated row last (its method "", as Locust 2.12 sends it). Response times are of
 * successes (README, "What the numbers mean"); current RPS comes from `rateOf`.
 */
export function locustStats(
  result: LoadResult | null,
  state: RunState,
  users: number,
  rateOf: RateOf,
): LocustStats {
  if (!result) {
    const zero = { avg: 0, min: 0, max: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0 };
    const none = { rps: 0, failuresPerSec: 0 };
    return {
      stats: [row('', 'Aggregated', { requests: 0, failures: 0, avgSize: 0, responseTime: zero }, none)],
      errors: [],
      total_rps: 0,
      fail_ratio: 0,
      current_response_time_percentile_95: null,
      current_response_time_percentile_50: null,
      state,
      user_count: users,
    };
  }
  const endpoints = [...result.endpoints].sort((a, b) =>
    a.name === b.name ? a.method.localeCompare(b.method) : a.name.localeCompare(b.name),
  );
  const aggregated = row('', 'Aggregated', result, rateOf('', 'Aggregated'));
  const last = result.timeline.at(-1);
  return {
    stats: [...endpoints.map((e) => row(e.method, e.name, e, rateOf(e.method, e.name))), aggregated],
    errors: result.failureRows.map((f) => ({
      method: f.method,
      name: f.name,
      error: f.error,
      occurrences: f.occurrences,
      kind: f.kind,
    })),
    total_rps: aggregated.current_rps,
    fail_ratio: result.requests > 0 ? result.failures / result.requests : 0,
    current_response_time_percentile_95: last?.p95 ?? null,
    current_response_time_percentile_50: last?.p50 ?? null,
    state,
    user_count: users,
  };
}
