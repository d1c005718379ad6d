import { stringify } from 'csv-stringify/sync';
import { METRICS } from '../metrics.js';
import type { LabResults } from '../results.js';

export const CSV_HEADER = ['week', 'subject', 'origin', 'scenario', 'metric', 'value', 'unit', 'error'];

/**
 * Long format, one row per subject × scenario × metric (empty value = not measured, with the reason), plus the
 * week-specific rows (conformance checks, echo, attendance). A UTF-8 BOM so Excel reads Hangul names right.
 */
export function resultsCsv(results: LabResults): string {
  const rows: (string | number)[][] = [];
  for (const run of results.stress) {
    for (const m of METRICS) {
      const value = run.result ? m.value(run.result) : null;
      rows.push([
        results.week,
        run.subject.name,
        run.subject.origin,
        run.scenario,
        m.key,
        value ?? '',
        m.unit,
        run.error ?? '',
      ]);
    }
  }
  for (const c of results.checks) {
    rows.push([
      results.week,
      c.subject.name,
      c.subject.origin,
      'conformance',
      c.check,
      c.pass ? 1 : 0,
      'pass',
      c.pass ? '' : c.actual,
    ]);
  }
  for (const e of results.echo) {
    const values: [string, number, string][] = [
      ['messages', e.messages, 'count'],
      ['errors', e.errors, 'count'],
      ['messages_per_sec', e.messagesPerSec, 'msg/s'],
      ['latency_avg_ms', e.latencyMs.avg, 'ms'],
      ['latency_p50_ms', e.latencyMs.p50, 'ms'],
      ['latency_p99_ms', e.latencyMs.p99, 'ms'],
      ['latency_max_ms', e.latencyMs.max, 'ms'],
    ];
    for (const [key, value, unit] of values) {
      rows.push([results.week, e.subject.name, e.subject.origin, 'echo', key, value, unit, e.error ?? '']);
    }
  }
  for (const a of results.attendance) {
    rows.push([
      results.week,
      'attendance',
      'reference',
      'attendance',
      a.step,
      a.pass ? 1 : 0,
      'pass',
      a.pass ? '' : a.actual,
    ]);
  }
  return `\uFEFF${stringify([CSV_HEADER, ...rows], { record_delimiter: '\r\n' })}`;
}
