import { escapeXml, lineChartSvg } from '@netlab/charts';
import type { LoadResult } from '../result.js';
import { loadLine, renderTable } from './table.js';

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
pre{background:#f6f6f6;padding:1rem;overflow-x:auto;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.note{color:#a33;font-weight:bold}`;

/**
 * One self-contained page, readable offline: the stats table and the charts of Locust's Charts
 * tab (requests/s and failures/s, response times p50/p95, users), drawn as inline SVG.
 */
export function renderHtml(result: LoadResult): string {
  const t = result.timeline;
  type Point = (typeof t)[number];
  // A second without a success has no response time: a gap, not a zero.
  const series = (name: string, pick: (p: Point) => number | null) => ({
    name,
    points: t.flatMap((p) => {
      const y = pick(p);
      return y === null ? [] : [[p.second, y] as [number, number]];
    }),
  });
  const charts = [
    lineChartSvg({
      title: 'Successful responses and failures per second',
      xLabel: 'second',
      yLabel: 'per second',
      series: [series('successes/s', (p) => p.rps), series('failures/s', (p) => p.failures)],
      ...(result.firstFailure
        ? { marker: { x: result.firstFailure.sentSecond, label: 'first failing request sent' } }
        : {}),
    }),
    lineChartSvg({
      title: 'Response times of successes (ms)',
      xLabel: 'second',
      yLabel: 'ms',
      series: [series('p50', (p) => p.p50), series('p95', (p) => p.p95)],
    }),
    lineChartSvg({
      title: 'Number of users',
      xLabel: 'second',
      yLabel: 'users',
      series: [series('users', (p) => p.users)],
    }),
  ];
  const note = result.generatorNote ? `<p class="note">${escapeXml(result.generatorNote)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load test of ${escapeXml(result.target)}</title>
<style>${STYLE}</style></head><body>
<h1>Load test of ${escapeXml(result.target)}</h1>
<p>Started ${escapeXml(result.startedAt)}, ${escapeXml(loadLine(result))}, ${result.durationSec} s.</p>
${note}<h2>Statistics</h2>
<pre>${escapeXml(renderTable(result))}</pre>
<h2>Charts</h2>
<div class="charts">
${charts.join('\n')}
</div>
</body></html>
`;
}
