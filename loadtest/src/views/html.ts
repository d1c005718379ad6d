import { escapeHtml } from '@netlab/kit';
import type { LoadResult } from '../result.js';
import { charts } from './html-charts.js';
import { historyTable } from './html-history.js';
import {
  exceptionsTable,
  failuresTable,
  msText,
  percentilesTable,
  rateText,
  requestStatsTable,
  tasksTable,
  thresholdsTable,
} from './html-tables.js';
import { loadLine } from './table.js';

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem 2rem;color:#222}
h1{margin:.2rem 0 .8rem}h2{margin:1.6rem 0 .5rem;font-size:1.2rem}
.info{display:flex;flex-wrap:wrap;gap:.4rem 2rem;margin:0 0 .5rem;padding:0}.info div{margin:0}
.info dt{font-size:11px;text-transform:uppercase;color:#666}.info dd{margin:0;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}
th{background:#eef2ee}td.num{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:bold}
tr.none td{color:#666}
.note{color:#a33;font-weight:bold}.defs{color:#444;font-size:13px;max-width:70rem}
.chart svg{width:100%;height:auto;display:block;margin:.5rem 0}details summary{cursor:pointer;font-weight:600}`;

/** An ISO time as `YYYY-MM-DD HH:MM:SS UTC`, Locust's report format with the zone named. */
function when(iso: string, plusSec = 0): string {
  const at = new Date(Date.parse(iso) + plusSec * 1000);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function infoList(result: LoadResult): string {
  const last = result.timeline.at(-1);
  const failPct = result.requests ? (result.failures / result.requests) * 100 : 0;
  const drain = result.wallSec - result.durationSec;
  const items: [string, string][] = [
    ['Target host', result.target],
    ['Start', when(result.startedAt)],
    ['End', when(result.startedAt, result.durationSec)],
    [
      'Duration',
      `${Number(result.durationSec.toFixed(2))} s${drain >= 0.05 ? ` (+ ${drain.toFixed(1)} s drain)` : ''}`,
    ],
    ['Users', loadLine(result)],
    ['Stopped by', result.stoppedBy],
    ['Requests', String(result.requests)],
    ['Failures', `${result.failures} (${failPct.toFixed(1)}%)`],
    ['RPS (run average)', rateText(result.totalRps)],
    ['Successes/s (run average)', rateText(result.rps)],
    ['Current RPS (last second)', last ? rateText(last.rps + last.failures) : '—'],
    ['p50 / p95 (ms)', `${msText(result.responseTime.p50)} / ${msText(result.responseTime.p95)}`],
    ['Engine', result.engine],
  ];
  const body = items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`);
  return `<dl class="info" id="info">${body.join('')}</dl>`;
}

function firstFailureLine(result: LoadResult): string {
  const f = result.firstFailure;
  if (!f) return '';
  return `<p id="first-failure">First failure: a request sent at ${f.sentSecond.toFixed(1)} s with ${f.users} users (${escapeHtml(f.kind)}, known at ${f.second.toFixed(1)} s, ${f.requests} requests counted by then): ${escapeHtml(f.error)}</p>`;
}

const DEFINITIONS = `<p class="defs">RPS: requests whose outcome is known (successes and failures) per second of the run's own
time, Locust's RPS. Successes/s: successful responses per second, netlab's throughput, which never counts a failure.
Current RPS: the last whole second. The statistics tables count every request, as Locust's do: a failure's time runs
from its send to its outcome, its size is the body read. The row "Successes only", the p50 / p95 above, the charts and
the per-second table are of successful responses alone, netlab's definition (open model: timed from each scheduled
send). Sizes are response bodies in bytes.</p>`;

/**
 * One self-contained page, readable offline (no scripts, no external files): Locust's report tables (request
 * statistics, response-time percentiles, failures, exceptions, task ratio) with the run's start, end, host and users,
 * the charts at full width, and what Locust's report lacks: every second's numbers, failures by kind over time, the
 * first-failure marker, and the note when the load generator itself was the limit.
 */
export function renderHtml(result: LoadResult): string {
  const target = escapeHtml(result.target);
  const note = result.generatorNote
    ? `<p class="note" id="generator-note">${escapeHtml(result.generatorNote)}</p>`
    : '';
  const thresholds = result.thresholds?.length ? `<h2>Thresholds</h2>\n${thresholdsTable(result)}\n` : '';
  const tasks = result.tasks?.length
    ? tasksTable(result)
    : '<p class="defs">Not known: the result was imported from Locust files, which do not carry the tasks.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load test of ${target}</title>
<style>${STYLE}</style></head><body>
<h1>Load test of ${target}</h1>
${infoList(result)}
${note}${firstFailureLine(result)}
${thresholds}<h2>Request Statistics</h2>
${requestStatsTable(result)}
<h2>Response Time Statistics</h2>
${percentilesTable(result)}
<h2>Failures Statistics</h2>
${failuresTable(result)}
<h2>Exceptions Statistics</h2>
${exceptionsTable()}
<p class="defs">Locust's exceptions are errors raised by a locustfile's own code; this runner runs no user code.</p>
<h2>Task Ratio</h2>
${tasks}
${DEFINITIONS}
<h2>Charts</h2>
${charts(result)
  .map((svg) => `<div class="chart">${svg}</div>`)
  .join('\n')}
<h2>Every second</h2>
<details open><summary>${result.timeline.length} whole seconds of the run's own time</summary>
${historyTable(result)}
</details>
</body></html>
`;
}
