import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { LoadtestError } from '../errors.js';
import {
  FailureKind,
  type FailureRow,
  LoadResult,
  type ResponseTimeSummary,
  type TimelinePoint,
} from '../result.js';
import { FAILURES_HEADER, HISTORY_HEADER, PERCENTILES, STATS_HEADER } from './locust-csv.js';

type Row = Record<string, string>;

function readCsv(path: string, required: readonly string[]): Row[] | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Row[];
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',');
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new LoadtestError(
      'LOADTEST_CSV_INVALID',
      `${path}: not Locust CSV, missing column(s) ${missing.join(', ')}`,
    );
  }
  return rows;
}

/** Locust writes N/A for percentiles of an entry without requests. */
const num = (value: string | undefined): number => {
  const n = Number(value);
  return value === undefined || value === 'N/A' || Number.isNaN(n) ? 0 : n;
};

const orNull = (value: string | undefined): number | null =>
  value === undefined || value === 'N/A' ? null : num(value);

function summaryOf(row: Row, median: string): ResponseTimeSummary {
  const rt: ResponseTimeSummary = {
    avg: num(row['Average Response Time']),
    min: num(row['Min Response Time']),
    max: num(row['Max Response Time']),
    p50: 0,
    p90: 0,
    p95: 0,
    p99: 0,
    p999: 0,
  };
  for (const [column, key] of PERCENTILES) if (key !== 'max') rt[key] = num(row[column]);
  rt.p50 = num(row[median]);
  return rt;
}

const KIND_PATTERNS: ReadonlyArray<[FailureKind, RegExp]> = [
  ['refused', /refused|ECONNREFUSED/i],
  ['timeout', /timeout|timed out/i],
  ['closed', /RemoteDisconnected|closed before response|closed without a response/i],
  ['reset', /reset|ECONNRESET|EPIPE|broken ?pipe|aborted/i],
  [
    'malformed',
    /BadStatusLine|LineTooLong|Chunk|IncompleteRead|malformed|bad (status|header)|Content-Length|closed (inside|before)|head over/i,
  ],
  ['status', /HTTPError|HTTP \d{3}|status/i],
];

/** The failure kind of an error message, ours or Locust's Python exception text. */
export function classifyMessage(error: string): FailureKind {
  return KIND_PATTERNS.find(([, re]) => re.test(error))?.[0] ?? 'other';
}

/**
 * Reads Locust's CSV output (PREFIX_stats.csv, and PREFIX_stats_history.csv and
 * PREFIX_failures.csv beside it when present) into a LoadResult, so Locust and netlab runs
 * land in the same reports. Accepts 2.12's failures header and newer ones with First/Last Seen.
 */
export function importLocustCsv(statsCsvPath: string): LoadResult {
  if (!statsCsvPath.endsWith('_stats.csv')) {
    throw new LoadtestError(
      'LOADTEST_CSV_INVALID',
      `${statsCsvPath}: expected a Locust PREFIX_stats.csv file`,
    );
  }
  const prefix = statsCsvPath.slice(0, -'_stats.csv'.length);
  const stats = readCsv(statsCsvPath, STATS_HEADER);
  if (!stats) throw new LoadtestError('LOADTEST_FILE_UNREADABLE', `${statsCsvPath}: cannot read the file`);
  const history = readCsv(`${prefix}_stats_history.csv`, HISTORY_HEADER) ?? [];
  const failures = readCsv(`${prefix}_failures.csv`, FAILURES_HEADER) ?? [];
  const aggregated = stats.find((r) => r.Name === 'Aggregated' && r.Type === '');
  if (!aggregated) {
    throw new LoadtestError(
      'LOADTEST_CSV_INVALID',
      `${statsCsvPath}: no Aggregated row; is it a complete Locust file?`,
    );
  }
  const rows = history.filter((r) => r.Name === 'Aggregated');
  const t0 =
    rows.length > 0 ? num(rows[0]!.Timestamp) - 1 : Math.floor(statSync(statsCsvPath).mtimeMs / 1000);
  const requests = num(aggregated['Request Count']);
  const rps = num(aggregated['Requests/s']);
  const failureRows: FailureRow[] = failures.map((f) => ({
    method: f.Method ?? '',
    name: f.Name ?? '',
    kind: classifyMessage(f.Error ?? ''),
    error: f.Error ?? '',
    occurrences: Math.max(1, num(f.Occurrences)),
  }));
  const failuresByKind = Object.fromEntries(FailureKind.options.map((k) => [k, 0])) as Record<
    FailureKind,
    number
  >;
  for (const f of failureRows) failuresByKind[f.kind] += f.occurrences;
  // Locust's rates count failures too; ours count successes.
  const timeline: TimelinePoint[] = rows.map((r) => {
    const totalTimes = summaryOf(
      {
        ...r,
        'Average Response Time': r['Total Average Response Time'] ?? '',
        'Min Response Time': r['Total Min Response Time'] ?? '',
        'Max Response Time': r['Total Max Response Time'] ?? '',
      },
      'Total Median Response Time',
    );
    const totalSize = num(r['Total Average Content Size']);
    return {
      second: Math.max(0, num(r.Timestamp) - t0 - 1),
      users: num(r['User Count']),
      rps: Math.max(0, num(r['Requests/s']) - num(r['Failures/s'])),
      failures: Math.round(num(r['Failures/s'])),
      p50: orNull(r['50%']),
      p95: orNull(r['95%']),
      total: {
        requests: num(r['Total Request Count']),
        failures: num(r['Total Failure Count']),
        avgSize: totalSize,
        responseTime: totalTimes,
        outcomes: { responseTime: totalTimes, avgSize: totalSize },
      },
    };
  });
  const first = timeline.find((p) => (p.total?.failures ?? 0) > 0);
  const failureCount = num(aggregated['Failure Count']);
  const durationSec = rps > 0 ? requests / rps : timeline.length;
  // Locust's times and sizes count failures too: they are the outcomes', and the only ones there are.
  const responseTime = summaryOf(aggregated, 'Median Response Time');
  const avgSize = num(aggregated['Average Content Size']);
  return LoadResult.parse({
    target: `locust:${prefix}`,
    startedAt: new Date(t0 * 1000).toISOString(),
    durationSec,
    wallSec: durationSec,
    model: 'closed',
    arrivalRate: null,
    users: Math.max(0, ...timeline.map((p) => p.users)),
    spawnRate: 0,
    requests,
    failures: failureCount,
    failuresByKind,
    rps: durationSec > 0 ? (requests - failureCount) / durationSec : 0,
    totalRps: rps,
    retries: 0,
    lateStarts: 0,
    responseTime,
    serviceTime: responseTime,
    avgSize,
    outcomes: { responseTime, avgSize },
    // Locust keeps no send times: the second its history first shows a failure stands for both.
    firstFailure:
      first || failureRows.length > 0
        ? {
            second: first?.second ?? 0,
            sentSecond: first?.second ?? 0,
            users: first?.users ?? 0,
            requests: first?.total?.requests ?? 0,
            kind: failureRows[0]?.kind ?? 'other',
            error: failureRows[0]?.error ?? 'unknown',
          }
        : null,
    timeline,
    endpoints: stats
      .filter((r) => r !== aggregated)
      .map((r) => {
        const rowTimes = summaryOf(r, 'Median Response Time');
        const rowSize = num(r['Average Content Size']);
        return {
          method: r.Type ?? '',
          name: r.Name ?? '',
          requests: num(r['Request Count']),
          failures: num(r['Failure Count']),
          responseTime: rowTimes,
          avgSize: rowSize,
          rps: Math.max(0, num(r['Requests/s']) - num(r['Failures/s'])),
          failuresPerSec: num(r['Failures/s']),
          outcomes: { responseTime: rowTimes, avgSize: rowSize },
        };
      }),
    failureRows,
    generatorBound: false,
    generatorNote: null,
    engine: 'locust (imported CSV)',
    stoppedBy: 'time',
  });
}
