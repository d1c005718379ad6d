import { FailureKind, type LoadResult } from '../result.js';
import { htmlTable, msText, rateText } from './html-tables.js';

/** Failure kinds that occurred in the run, in the catalogue's order. */
export function kindsSeen(result: LoadResult): FailureKind[] {
  return FailureKind.options.filter((k) => (result.failuresByKind[k] ?? 0) > 0);
}

/**
 * Every metric of every whole second (Locust keeps only its last value in the web UI and a row per second in
 * `_stats_history.csv`): users, successes and failures that second (by kind), that second's p50/p95, and the
 * running totals.
 */
export function historyTable(result: LoadResult): string {
  const kinds = kindsSeen(result);
  const dash = '—';
  const rows = result.timeline.map((p) => {
    const cell = (text: string) => ({ num: text });
    // Before the first outcome there is no running time or size to show.
    const t = p.total?.requests ? p.total : undefined;
    return [
      cell(String(p.second)),
      cell(String(p.users)),
      cell(rateText(p.rps)),
      cell(String(p.failures)),
      ...kinds.map((k) => cell(p.failuresByKind ? String(p.failuresByKind[k] ?? 0) : dash)),
      cell(p.p50 === null ? dash : msText(p.p50)),
      cell(p.p95 === null ? dash : msText(p.p95)),
      cell(String(p.total?.requests ?? dash)),
      cell(String(p.total?.failures ?? dash)),
      cell(t ? msText(t.responseTime.avg) : dash),
      cell(t ? msText(t.responseTime.p95) : dash),
      cell(t ? t.avgSize.toFixed(0) : dash),
    ];
  });
  const head = [
    'Second',
    'Users',
    'Successes/s',
    'Failures/s',
    ...kinds.map((k) => `${k}/s`),
    'p50 (ms)',
    'p95 (ms)',
    'Total requests',
    'Total failures',
    'Running average (ms)',
    'Running p95 (ms)',
    'Average size (bytes)',
  ];
  return htmlTable('history', head, rows);
}
