import { type LineSeries, lineChartSvg } from '@netlab/charts';
import type { LoadResult, TimelinePoint } from '../result.js';
import { kindsSeen } from './html-history.js';

/** Drawn at the page's full width; the SVG scales with it (viewBox), so the size here sets the text's proportion. */
const WIDTH = 1200;
const HEIGHT = 340;

/** A second without a success has no response time: a gap, not a zero. */
function series(t: TimelinePoint[], name: string, pick: (p: TimelinePoint) => number | null): LineSeries {
  return { name, points: t.map((p) => [p.second, pick(p)] as [number, number | null]) };
}

/**
 * The charts of Locust's Charts tab (rates, response times, users) from every second of the run, plus what Locust
 * lacks: failures by kind over time and the second the first failing request was sent.
 */
export function charts(result: LoadResult): string[] {
  const t = result.timeline;
  const marker = result.firstFailure
    ? { marker: { x: result.firstFailure.sentSecond, label: 'first failing request sent' } }
    : {};
  const common = { xLabel: 'second', width: WIDTH, height: HEIGHT, xWhole: true };
  const out = [
    lineChartSvg({
      ...common,
      title: 'Successful responses and failures per second',
      yLabel: 'per second',
      series: [
        series(t, 'successes/s', (p) => p.rps),
        { ...series(t, 'failures/s', (p) => p.failures), dashed: true },
      ],
      ...marker,
    }),
  ];
  const kinds = kindsSeen(result);
  if (kinds.length && t.some((p) => p.failuresByKind)) {
    out.push(
      lineChartSvg({
        ...common,
        title: 'Failures per second by kind',
        yLabel: 'failures/s',
        series: kinds.map((k) => series(t, k, (p) => p.failuresByKind?.[k] ?? 0)),
        ...marker,
      }),
    );
  }
  out.push(
    lineChartSvg({
      ...common,
      title: 'Response times of successes (ms)',
      yLabel: 'ms',
      series: [series(t, 'p50', (p) => p.p50), series(t, 'p95', (p) => p.p95)],
      ...marker,
    }),
    lineChartSvg({
      ...common,
      title: 'Number of users',
      yLabel: 'users',
      series: [series(t, 'users', (p) => p.users)],
    }),
  );
  return out;
}
