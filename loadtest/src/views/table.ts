import type { EndpointStats, LoadResult } from '../result.js';

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

/** The final stats table in Locust's columns, then failures by kind, first failure and caveats. */
export function renderTable(result: LoadResult): string {
  // The last whole second: the final point may be a short tail.
  const last = result.timeline[Math.max(0, result.timeline.length - 2)];
  const currentRps = last?.rps ?? result.rps;
  const currentFps = last?.failures ?? 0;
  const rows = [
    // Per-endpoint seconds are not kept, so an endpoint's current rate is its average unless it is the only one.
    ...result.endpoints.map((e) =>
      result.endpoints.length === 1
        ? row(e.method, e, currentRps, currentFps)
        : row(e.method, e, e.rps, e.failuresPerSec),
    ),
    row('', { ...result, name: 'Aggregated' }, currentRps, currentFps),
  ];
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(COLUMNS), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1]!)];
  const rt = result.responseTime;
  out.push(
    '',
    `${result.requests} requests in ${result.durationSec.toFixed(1)} s (${result.rps.toFixed(1)} req/s), ` +
      `${result.failures} failures; p50 ${rt.p50} ms, p95 ${rt.p95} ms, p99 ${rt.p99} ms, p99.9 ${rt.p999} ms; ` +
      `engine ${result.engine}; stopped by ${result.stoppedBy}`,
  );
  const kinds = Object.entries(result.failuresByKind).filter(([, n]) => n > 0);
  if (kinds.length > 0) out.push(`failures by kind: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const f of result.failureRows) out.push(`  ${f.occurrences} × ${f.method} ${f.name}: ${f.error}`);
  const first = result.firstFailure;
  if (first) {
    out.push(
      `first failure at ${first.second.toFixed(1)} s with ${first.users} users after ${first.requests} requests: ${first.error}`,
    );
  }
  if (result.generatorNote) out.push(result.generatorNote);
  return `${out.join('\n')}\n`;
}
