import { escapeHtml } from '@netlab/kit';
import type { EndpointStats, LoadResult, ResponseTimeSummary } from '../result.js';
import { thresholdUnit } from '../thresholds.js';
import { PERCENTILES } from './locust-csv.js';

/** A cell: text, and whether it is a number (right-aligned, as Locust's). */
type Cell = string | { num: string };

/** Milliseconds as Locust's report prints them (whole), with one decimal below 10 ms so a loopback run is not all 0s. */
export const msText = (x: number): string => (x < 10 ? x.toFixed(1) : x.toFixed(0));
/** Rates as Locust's report prints them: one decimal. */
export const rateText = (x: number): string => x.toFixed(1);
const num = (text: string): Cell => ({ num: text });

/** One `<table>` with a header row; the last row is the total when `totalLast`; no rows shows one row "none". */
export function htmlTable(id: string, head: string[], rows: Cell[][], totalLast = false): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  if (!rows.length)
    return `<table id="${id}"><thead><tr>${th}</tr></thead><tbody><tr class="none"><td colspan="${head.length}">none</td></tr></tbody></table>`;
  const tr = rows.map((cells, i) => {
    const cls = totalLast && i === rows.length - 1 ? ' class="total"' : '';
    const tds = cells.map((c) =>
      typeof c === 'string' ? `<td>${escapeHtml(c)}</td>` : `<td class="num">${escapeHtml(c.num)}</td>`,
    );
    return `<tr${cls}>${tds.join('')}</tr>`;
  });
  return `<table id="${id}"><thead><tr>${th}</tr></thead><tbody>\n${tr.join('\n')}\n</tbody></table>`;
}

type Row = Pick<EndpointStats, 'name' | 'requests' | 'failures' | 'responseTime' | 'avgSize' | 'outcomes'>;

/** Times and sizes of every outcome, as Locust counts them; a result written before they were kept has successes'. */
export const locustTimes = (
  e: Pick<Row, 'responseTime' | 'avgSize' | 'outcomes'>,
): { responseTime: ResponseTimeSummary; avgSize: number } =>
  e.outcomes ?? { responseTime: e.responseTime, avgSize: e.avgSize };

/**
 * Locust's "Request Statistics" columns, plus successes/s: netlab's throughput, which never counts a failure.
 * RPS is successes/s + failures/s, both the JSON's, so the three columns agree to the digit they are printed with.
 */
export function requestStatsTable(result: LoadResult): string {
  const row = (method: string, e: Row, successes: number, fails: number): Cell[] => [
    method,
    e.name,
    num(String(e.requests)),
    num(String(e.failures)),
    num(msText(locustTimes(e).responseTime.avg)),
    num(msText(locustTimes(e).responseTime.min)),
    num(msText(locustTimes(e).responseTime.max)),
    num(locustTimes(e).avgSize.toFixed(0)),
    num(rateText(successes + fails)),
    num(rateText(successes)),
    num(rateText(fails)),
  ];
  const rows = result.endpoints.map((e) => row(e.method, e, e.rps, e.failuresPerSec));
  rows.push(
    row('', { ...result, name: 'Aggregated' }, result.rps, Math.max(0, result.totalRps - result.rps)),
  );
  const head = ['Method', 'Name', '# Requests', '# Fails', 'Average (ms)', 'Min (ms)', 'Max (ms)'];
  return htmlTable(
    'request-stats',
    [...head, 'Average size (bytes)', 'RPS', 'Successes/s', 'Failures/s'],
    rows,
    true,
  );
}

/**
 * Locust's "Response Time Statistics" in its CSV's percentile set (every outcome), then the successes' percentiles,
 * netlab's definition; a percentile the result does not carry shows as —.
 */
export function percentilesTable(result: LoadResult): string {
  const row = (method: string, name: string, rt: ResponseTimeSummary): Cell[] => [
    method,
    name,
    ...PERCENTILES.map(([, key]) => num(rt[key] === undefined ? '—' : msText(rt[key]))),
  ];
  const rows = result.endpoints.map((e) => row(e.method, e.name, locustTimes(e).responseTime));
  rows.push(row('', 'Aggregated', locustTimes(result).responseTime));
  // netlab's own figure beside Locust's: the response times of successes alone.
  if (result.outcomes) rows.push(row('', 'Successes only', result.responseTime));
  const head = ['Method', 'Name', ...PERCENTILES.map(([label]) => `${label}ile (ms)`)];
  return htmlTable('response-times', head, rows, !result.outcomes);
}

/** Locust's "Failures Statistics" columns, plus the kind netlab sorts each failure into. */
export function failuresTable(result: LoadResult): string {
  const rows = result.failureRows.map((f): Cell[] => [
    f.method,
    f.name,
    f.error,
    f.kind,
    num(String(f.occurrences)),
  ]);
  return htmlTable('failures', ['Method', 'Name', 'Error', 'Kind', 'Occurrences'], rows);
}

/** Locust's exceptions are errors a locustfile's own code raised; the runner runs no user code, so it has none. */
export function exceptionsTable(): string {
  return htmlTable('exceptions', ['Count', 'Message', 'Traceback', 'Nodes'], []);
}

/** Each task's weight and its share of the draws (Locust's "Final ratio"). */
export function tasksTable(result: LoadResult): string {
  const tasks = result.tasks ?? [];
  const total = tasks.reduce((s, t) => s + t.weight, 0);
  const rows = tasks.map((t): Cell[] => [
    t.name,
    t.method,
    t.path,
    num(String(t.weight)),
    num(`${((t.weight / total) * 100).toFixed(1)}%`),
  ]);
  return htmlTable('tasks', ['Task', 'Method', 'Path', 'Weight', 'Ratio'], rows);
}

export function thresholdsTable(result: LoadResult): string {
  const rows = (result.thresholds ?? []).map((t): Cell[] => [
    t.expr,
    num(`${t.value}${thresholdUnit(t.expr)}`),
    t.passed ? '✓ passed' : '✗ failed',
  ]);
  return htmlTable('thresholds', ['Threshold', 'Measured', 'Result'], rows);
}
