import type { EndpointStats, LoadResult } from '../result.js';
import { thresholdUnit } from '../thresholds.js';

const COLUMNS = [
  'Type',
  'Name',
  '# Requests',
  '# Fails',
  'Median (ms)',
  '90%ile (ms)',
  'Average (ms)',
  'Min (ms)',
  'Max (ms)',
  'Average size (bytes)',
  'Current RPS',
  'Current Failures/s',
] as const;

const fixed = (x: number, digits = 0): string => x.toFixed(digits);

function row(
  type: string,
  e: Pick<EndpointStats, 'name' | 'requests' | 'failures' | 'responseTime' | 'avgSize'>,
  rps: number,
  fps: number,
): string[] {
  const rt = e.responseTime;
  return [
    type,
    e.name,
    String(e.requests),
    String(e.failures),
    fixed(rt.p50),
    fixed(rt.p90),
    fixed(rt.avg, 1),
    fixed(rt.min),
    fixed(rt.max),
    fixed(e.avgSize),
    fixed(rps, 1),
    fixed(fps, 1),
  ];
}

/** How the load was made, in one phrase. */
export function loadLine(result: LoadResult): string {
  const rate = result.arrivalRate;
  if (!rate) return `${result.users} users at ${result.spawnRate}/s`;
  const offered = rate.from === rate.to ? `${rate.from}` : `${rate.from} → ${rate.to}`;
  return `${offered} req/s offered over ${result.users} connections`;
}

const ms = (x: number) => `${x} ms`;

/** The final stats table in Locust's columns, then the run's numbers by their definitions. */
export function renderTable(result: LoadResult): string {
  // Locust's table rates count failures too; the last whole second stands for "current".
  const last = result.timeline.at(-1);
  const currentFps = last?.failures ?? 0;
  const currentRps = last ? last.rps + last.failures : result.totalRps;
  const total = (n: number) => (result.durationSec > 0 ? n / result.durationSec : 0);
  const rows = [
    // Per-endpoint seconds are not kept, so an endpoint's current rate is its average unless it is the only one.
    ...result.endpoints.map((e) =>
      result.endpoints.length === 1
        ? row(e.method, e, currentRps, currentFps)
        : row(e.method, e, total(e.requests), e.failuresPerSec),
    ),
    row('', { ...result, name: 'Aggregated' }, currentRps, currentFps),
  ];
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(COLUMNS), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1]!)];
  const rt = result.responseTime;
  const st = result.serviceTime;
  const successes = result.requests - result.failures;
  const drain = result.wallSec - result.durationSec;
  out.push(
    '',
    `${result.requests} requests in ${result.durationSec.toFixed(1)} s (${loadLine(result)}; stopped by ` +
      `${result.stoppedBy}${drain >= 0.05 ? `, then ${drain.toFixed(1)} s for the requests still open` : ''}): ` +
      `${successes} succeeded = ${result.rps.toFixed(1)} req/s, ${result.failures} failed ` +
      `(all outcomes ${result.totalRps.toFixed(1)} req/s, Locust's Requests/s)`,
    `response times of successes${result.model === 'open' ? ', from each scheduled time' : ''}: ` +
      `p50 ${ms(rt.p50)}, p95 ${ms(rt.p95)}, p99 ${ms(rt.p99)}, p99.9 ${ms(rt.p999)}; engine ${result.engine}`,
  );
  if (result.model === 'open') {
    out.push(
      `service times (from the send): p50 ${ms(st.p50)}, p95 ${ms(st.p95)}, p99 ${ms(st.p99)}; ` +
        `${result.lateStarts} request(s) started late: every connection was busy`,
    );
  }
  if (result.retries > 0) {
    out.push(
      `${result.retries} request(s) went on a new connection: the server had closed the kept-alive one`,
    );
  }
  const kinds = Object.entries(result.failuresByKind).filter(([, n]) => n > 0);
  if (kinds.length > 0) out.push(`failures by kind: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const f of result.failureRows) out.push(`  ${f.occurrences} × ${f.method} ${f.name}: ${f.error}`);
  const first = result.firstFailure;
  if (first) {
    out.push(
      `first failure: a request sent at ${first.sentSecond.toFixed(1)} s with ${first.users} users ` +
        `(${first.kind}, known at ${first.second.toFixed(1)} s, ${first.requests} requests counted by then): ${first.error}`,
    );
  }
  if (result.generatorNote) out.push(result.generatorNote);
  if (result.thresholds?.length) {
    out.push('thresholds:');
    for (const t of result.thresholds)
      out.push(`  ${t.passed ? '✓' : '✗'} ${t.expr}  (measured ${t.value}${thresholdUnit(t.expr)})`);
  }
  return `${out.join('\n')}\n`;
}
