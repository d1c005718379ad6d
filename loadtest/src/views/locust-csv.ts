import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '@netlab/kit';
import type {
  AllOutcomes,
  EndpointStats,
  LoadResult,
  ResponseTimeSummary,
  TimelinePoint,
} from '../result.js';

/** Locust 2.x's percentile columns and the summary fields that fill them. */
export const PERCENTILES: ReadonlyArray<[string, keyof ResponseTimeSummary]> = [
  ['50%', 'p50'],
  ['66%', 'p66'],
  ['75%', 'p75'],
  ['80%', 'p80'],
  ['90%', 'p90'],
  ['95%', 'p95'],
  ['98%', 'p98'],
  ['99%', 'p99'],
  ['99.9%', 'p999'],
  ['99.99%', 'p9999'],
  ['100%', 'max'],
];
const PERCENTILE_HEADERS = PERCENTILES.map(([h]) => h);

export const STATS_HEADER = [
  'Type',
  'Name',
  'Request Count',
  'Failure Count',
  'Median Response Time',
  'Average Response Time',
  'Min Response Time',
  'Max Response Time',
  'Average Content Size',
  'Requests/s',
  'Failures/s',
  ...PERCENTILE_HEADERS,
];
export const HISTORY_HEADER = [
  'Timestamp',
  'User Count',
  'Type',
  'Name',
  'Requests/s',
  'Failures/s',
  ...PERCENTILE_HEADERS,
  'Total Request Count',
  'Total Failure Count',
  'Total Median Response Time',
  'Total Average Response Time',
  'Total Min Response Time',
  'Total Max Response Time',
  'Total Average Content Size',
];
export const FAILURES_HEADER = ['Method', 'Name', 'Error', 'Occurrences'];
/** Locust 2.12's `exceptions_columns` (locust/stats.py). */
export const EXCEPTIONS_HEADER = ['Count', 'Message', 'Traceback', 'Nodes'];

/** Python's str(float): integral floats keep a `.0`, as Locust's files show them. */
const pyFloat = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));
/** Locust writes percentiles as int(ms), N/A when nothing was measured. */
function percentiles(rt: ResponseTimeSummary, measured: boolean): string[] {
  return PERCENTILES.map(([, key]) => {
    const value = rt[key];
    return measured && value !== undefined ? String(Math.trunc(value)) : 'N/A';
  });
}

/** A stats row's counts and its all-outcomes times and size (Locust counts failures in both). */
interface StatsLine {
  name: string;
  requests: number;
  failures: number;
  outcomes: AllOutcomes;
}

/**
 * A stats row. Requests/s and Failures/s are counts over the run's own time, every row divided
 * by the same time, so the Aggregated row's rates are its endpoints' summed (as Locust's are).
 */
function statsRow(type: string, line: StatsLine, durationSec: number): string[] {
  const rt = line.outcomes.responseTime;
  const rate = (count: number) => (durationSec > 0 ? count / durationSec : 0);
  return [
    type,
    line.name,
    String(line.requests),
    String(line.failures),
    String(Math.round(rt.p50)),
    pyFloat(rt.avg),
    pyFloat(rt.min),
    pyFloat(rt.max),
    pyFloat(line.outcomes.avgSize),
    pyFloat(rate(line.requests)),
    pyFloat(rate(line.failures)),
    ...percentiles(rt, line.requests > 0),
  ];
}

const csv = (rows: string[][]): string => stringify(rows, { record_delimiter: 'windows' });

/** A result written before failures were timed has successes' figures only. */
const outcomesOf = (row: Pick<EndpointStats, 'responseTime' | 'avgSize' | 'outcomes'>): AllOutcomes =>
  row.outcomes ?? { responseTime: row.responseTime, avgSize: row.avgSize };

export function statsCsv(result: LoadResult): string {
  const sorted = [...result.endpoints].sort((a, b) =>
    a.name === b.name ? a.method.localeCompare(b.method) : a.name.localeCompare(b.name),
  );
  const aggregated = {
    name: 'Aggregated',
    requests: result.requests,
    failures: result.failures,
    outcomes: outcomesOf(result),
  };
  return csv([
    STATS_HEADER,
    ...sorted.map((e) => statsRow(e.method, { ...e, outcomes: outcomesOf(e) }, result.durationSec)),
    statsRow('', aggregated, result.durationSec),
  ]);
}

/**
 * One Aggregated row per second. Like Locust's `--csv-full-history`, the percentile columns are
 * the second's own (of successes); the Total columns run from the start and, as Locust's, count
 * every outcome (a result written before failures were timed has successes' totals only).
 */
export function historyCsv(result: LoadResult): string {
  const t0 = Math.floor(Date.parse(result.startedAt) / 1000);
  const rows = result.timeline.map((p: TimelinePoint) => {
    const total = p.total;
    const outcomes = total?.outcomes;
    const measured = outcomes ? (total?.requests ?? 0) > 0 : (total?.requests ?? 0) > (total?.failures ?? 0);
    const current: Record<string, number | null> = { '50%': p.p50, '95%': p.p95 };
    const rt = outcomes?.responseTime ?? total?.responseTime;
    const avgSize = outcomes?.avgSize ?? total?.avgSize ?? 0;
    return [
      String(t0 + p.second + 1),
      String(p.users),
      '',
      'Aggregated',
      // Locust's Requests/s counts failures too.
      (p.rps + p.failures).toFixed(6),
      p.failures.toFixed(6),
      ...PERCENTILE_HEADERS.map((h) => {
        const value = current[h];
        return value === null || value === undefined ? 'N/A' : String(Math.trunc(value));
      }),
      String(total?.requests ?? 0),
      String(total?.failures ?? 0),
      String(measured && rt ? Math.round(rt.p50) : 0),
      pyFloat(measured && rt ? rt.avg : 0),
      measured && rt ? pyFloat(rt.min) : '0',
      measured && rt ? pyFloat(rt.max) : '0',
      measured ? pyFloat(avgSize) : '0',
    ];
  });
  return csv([HISTORY_HEADER, ...rows]);
}

export function failuresCsv(result: LoadResult): string {
  const rows = result.failureRows.map((f) => [f.method, f.name, f.error, String(f.occurrences)]);
  return csv([FAILURES_HEADER, ...rows]);
}

/**
 * Locust's exceptions are errors raised by a locustfile's own code (a task that crashed), not
 * request failures; the runner runs no user code, so the file is its header alone.
 */
export const exceptionsCsv = (): string => csv([EXCEPTIONS_HEADER]);

/** Writes PREFIX_stats.csv, PREFIX_stats_history.csv, PREFIX_failures.csv and PREFIX_exceptions.csv as Locust 2.12 does. */
export async function writeLocustCsv(prefix: string, result: LoadResult): Promise<string[]> {
  const files: Array<[string, string]> = [
    [`${prefix}_stats.csv`, statsCsv(result)],
    [`${prefix}_stats_history.csv`, historyCsv(result)],
    [`${prefix}_failures.csv`, failuresCsv(result)],
    [`${prefix}_exceptions.csv`, exceptionsCsv()],
  ];
  for (const [path, text] of files) await writeFileAtomic(path, text);
  return files.map(([path]) => path);
}
