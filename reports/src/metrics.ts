/** The TA's table, computed from the runs: pure functions, numbers in, numbers out. */
import type { LoadResult } from '@netlab/loadtest';
import type { ScenarioName, StressRun } from './results.js';

export interface Metric {
  key: string;
  label: string;
  unit: string;
  /** Which way is better, for naming a winner. */
  better: 'higher' | 'lower';
  value: (result: LoadResult) => number | null;
}

/** The best whole second of successful responses (the timeline holds whole seconds of the run's own time). */
const maxRps = (r: LoadResult) => (r.timeline.length ? Math.max(...r.timeline.map((t) => t.rps)) : r.rps);
/** Response times are of successful responses only; a run where none succeeded has none (not 0 ms). */
const answered = (pick: (r: LoadResult) => number) => (r: LoadResult) =>
  r.requests > r.failures ? pick(r) : null;

/** Successful responses, the denominator behind every response time. */
export const successes = (r: LoadResult) => r.requests - r.failures;

export const METRICS: Metric[] = [
  { key: 'requests', label: 'requests', unit: 'count', better: 'higher', value: (r) => r.requests },
  { key: 'failures', label: 'failures', unit: 'count', better: 'lower', value: (r) => r.failures },
  { key: 'successes', label: 'successful responses', unit: 'count', better: 'higher', value: successes },
  { key: 'rps', label: 'mean requests/s', unit: 'req/s', better: 'higher', value: (r) => r.rps },
  { key: 'max_rps', label: 'max requests/s', unit: 'req/s', better: 'higher', value: maxRps },
  {
    key: 'mean_response_ms',
    label: 'mean response time',
    unit: 'ms',
    better: 'lower',
    value: answered((r) => r.responseTime.avg),
  },
  {
    key: 'p50_ms',
    label: 'median response time',
    unit: 'ms',
    better: 'lower',
    value: answered((r) => r.responseTime.p50),
  },
  {
    key: 'p95_ms',
    label: '95th percentile',
    unit: 'ms',
    better: 'lower',
    value: answered((r) => r.responseTime.p95),
  },
  {
    key: 'p99_ms',
    label: '99th percentile',
    unit: 'ms',
    better: 'lower',
    value: answered((r) => r.responseTime.p99),
  },
  {
    key: 'users_at_first_failure',
    label: 'users at first failure',
    unit: 'users',
    better: 'higher',
    value: (r) => r.firstFailure?.users ?? null,
  },
  {
    key: 'first_failure_second',
    label: 'first failing request sent at',
    unit: 's',
    better: 'higher',
    value: (r) => r.firstFailure?.sentSecond ?? null,
  },
  {
    key: 'generator_bound',
    label: 'generator-bound',
    unit: 'bool',
    better: 'lower',
    value: (r) => (r.generatorBound ? 1 : 0),
  },
];

export function metric(key: string): Metric {
  const found = METRICS.find((m) => m.key === key);
  if (!found) throw new Error(`unknown metric ${key}`);
  return found;
}

/** The columns of the TA's comparison, per scenario: users at the first failure, max req/s, mean response time. */
export const TABLE_COLUMNS: Record<ScenarioName, string[]> = {
  ramp: ['users_at_first_failure', 'max_rps', 'mean_response_ms'],
  fixed: ['failures', 'rps', 'mean_response_ms'],
  open: ['rps', 'mean_response_ms', 'p99_ms'],
};

export function metricValue(run: StressRun | undefined, key: string): number | null {
  if (!run?.result) return null;
  return metric(key).value(run.result);
}

export interface Ranking {
  metric: Metric;
  scenario: ScenarioName;
  /** Best first; only subjects with a value. */
  order: { subject: string; value: number }[];
}

/**
 * Whether a run's numbers can stand beside the others: it finished without an error and most requests
 * succeeded. A server that refuses everything answers "fast" — that is not a win.
 */
export function comparable(run: StressRun): boolean {
  const r = run.result;
  return r !== null && run.error === null && r.requests > 0 && r.failures / r.requests < 0.5;
}

/** Orders comparable subjects on one metric of one scenario; ties keep input order. */
export function rank(runs: StressRun[], scenario: ScenarioName, key: string): Ranking {
  const m = metric(key);
  const order = runs
    .filter((r) => r.scenario === scenario && comparable(r))
    .map((r) => ({ subject: r.subject.name, value: metricValue(r, key) }))
    .filter((e): e is { subject: string; value: number } => e.value !== null && Number.isFinite(e.value))
    .sort((a, b) => (m.better === 'higher' ? b.value - a.value : a.value - b.value));
  return { metric: m, scenario, order };
}

/** How many times better `a` is than `b` on a metric (≥ 1 when a is better); null when undefined. */
export function advantage(m: Metric, a: number, b: number): number | null {
  if (m.better === 'higher') return b > 0 ? a / b : null;
  return a > 0 ? b / a : null;
}

/** Subjects in first-seen order. */
export function subjectsOf(runs: StressRun[]): string[] {
  return [...new Set(runs.map((r) => r.subject.name))];
}

export function findRun(runs: StressRun[], subject: string, scenario: ScenarioName): StressRun | undefined {
  return runs.find((r) => r.subject.name === subject && r.scenario === scenario);
}
