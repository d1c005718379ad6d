import type { LoadThresholds } from '@netlab/assignments';
import type { LoadMeasure } from '../probes/load-probe.js';

export type ThresholdName = keyof LoadThresholds;

export interface ThresholdResult {
  name: ThresholdName;
  passed: boolean;
  value: number;
  /** The rule, as users read it: `≤ 0.01`, `≤ 500 ms`, `≥ 200 req/s`. */
  expected: string;
}

/** Each threshold the spec sets, met or not, in a fixed order. No successful response meets none of them. */
export function judgeLoad(m: LoadMeasure, t: LoadThresholds): ThresholdResult[] {
  const ok = m.requests - m.failures;
  const out: ThresholdResult[] = [];
  if (t.maxFailureRatio !== undefined) {
    const value = m.requests ? m.failures / m.requests : 1;
    out.push({
      name: 'maxFailureRatio',
      passed: value <= t.maxFailureRatio,
      value,
      expected: `≤ ${t.maxFailureRatio}`,
    });
  }
  if (t.p95Ms !== undefined)
    out.push({
      name: 'p95Ms',
      passed: ok > 0 && m.p95Ms <= t.p95Ms,
      value: m.p95Ms,
      expected: `≤ ${t.p95Ms} ms`,
    });
  if (t.minRps !== undefined)
    out.push({
      name: 'minRps',
      passed: m.okRps >= t.minRps,
      value: m.okRps,
      expected: `≥ ${t.minRps} req/s`,
    });
  return out;
}

/** A threshold's measured value as users read it. */
export function formatValue(name: ThresholdName, value: number): string {
  if (name === 'maxFailureRatio') return String(Math.round(value * 10_000) / 10_000);
  if (name === 'p95Ms') return `${Math.round(value)} ms`;
  return `${Math.round(value)} req/s`;
}
