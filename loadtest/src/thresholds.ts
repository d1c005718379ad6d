import { LoadtestError } from './errors.js';
import type { LoadResult, ThresholdOutcome } from './result.js';

type Metric = 'p50' | 'p90' | 'p95' | 'p99' | 'avg' | 'max' | 'failures' | 'rps';
type Operator = '<' | '<=' | '>' | '>=';

/** A pass/fail mark on a run's result, in k6's vocabulary: `p95<500ms`, `failures<1%`, `rps>200`. */
export interface Threshold {
  expr: string;
  metric: Metric;
  op: Operator;
  /** In the metric's unit: ms for times, % for failures, req/s for rps. */
  limit: number;
}

const TIMES: readonly string[] = ['p50', 'p90', 'p95', 'p99', 'avg', 'max'];
const SHAPE = /^(p50|p90|p95|p99|avg|max|failures|rps)\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)\s*(ms|s|%|\/s)?$/;

const invalid = (expr: string, why: string) =>
  new LoadtestError(
    'LOADTEST_THRESHOLD_INVALID',
    `threshold "${expr}": ${why}; write e.g. "p95<500ms", "avg<1s", "failures<1%" or "rps>200"`,
  );

/** Reads one expression; a metric, operator or unit it does not know is bad input. */
export function parseThreshold(text: string): Threshold {
  const expr = text.trim();
  const match = SHAPE.exec(expr);
  if (!match)
    throw invalid(expr, 'not METRIC<VALUE with a metric p50, p90, p95, p99, avg, max, failures or rps');
  const metric = match[1] as Metric;
  const op = match[2] as Operator;
  const value = Number(match[3]);
  const unit = match[4];
  if (TIMES.includes(metric)) {
    if (unit !== undefined && unit !== 'ms' && unit !== 's') throw invalid(expr, `${metric} takes ms or s`);
    return { expr, metric, op, limit: unit === 's' ? value * 1000 : value };
  }
  if (metric === 'failures') {
    if (unit !== '%') throw invalid(expr, 'failures is a share of the requests, in %');
    return { expr, metric, op, limit: value };
  }
  if (unit !== undefined && unit !== '/s') throw invalid(expr, 'rps is successes per second');
  return { expr, metric, op, limit: value };
}

/** The measured value a threshold is judged on (README, "What the numbers mean"). */
function measured(result: LoadResult, metric: Metric): number {
  if (metric === 'failures') return result.requests > 0 ? (result.failures / result.requests) * 100 : 0;
  if (metric === 'rps') return result.rps;
  return result.responseTime[metric];
}

const HOLDS: Record<Operator, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * Judges each threshold on the result. A time threshold on a run without a single success fails:
 * there is no response time that could meet it.
 */
export function judgeThresholds(result: LoadResult, thresholds: readonly Threshold[]): ThresholdOutcome[] {
  const successes = result.requests - result.failures;
  return thresholds.map((t) => {
    const value = measured(result, t.metric);
    const measurable = !TIMES.includes(t.metric) || successes > 0;
    return {
      expr: t.expr,
      value: Math.round(value * 1000) / 1000,
      passed: measurable && HOLDS[t.op](value, t.limit),
    };
  });
}

/** The unit a threshold's value is printed in. */
export function thresholdUnit(expr: string): string {
  if (expr.startsWith('failures')) return '%';
  if (expr.startsWith('rps')) return ' req/s';
  return ' ms';
}
