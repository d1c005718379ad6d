import {
  AXIS_COLOUR,
  axisLabelBelow,
  LABEL_SIZE,
  legend,
  noData,
  type Plot,
  TICK_SIZE,
  title,
  valueAxis,
  yTickWidth,
} from './frame.js';
import { seriesColour, seriesDash } from './palette.js';
import { linear, niceTicks, tickFormat } from './scale.js';
import { document, el, round, text } from './svg.js';

export interface LineSeries {
  name: string;
  points: [number, number][];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  width?: number;
  height?: number;
  /** A vertical dashed line with a label, e.g. the second of the first failure. */
  marker?: { x: number; label: string };
}

const finite = ([x, y]: [number, number]) => Number.isFinite(x) && Number.isFinite(y);

/** A line chart as a self-contained SVG document: one `<path class="series">` per series, in legend order. */
export function lineChartSvg(options: LineChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 400;
  const series = options.series.map((s) => ({ name: s.name, points: s.points.filter(finite) }));
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  if (options.marker && Number.isFinite(options.marker.x)) xs.push(options.marker.x);
  const xTicks = niceTicks(xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1, 6);
  // Rates and times are never negative: start the value axis at zero so heights compare honestly.
  const yLow = ys.length ? Math.min(0, ...ys) : 0;
  const yTicks = niceTicks(yLow, ys.length ? Math.max(...ys) : 1, 5);

  const leg = legend(
    series.map((s) => s.name),
    60,
    36,
    width - 80,
    'line',
  );
  const plot: Plot = {
    left: 30 + yTickWidth(yTicks) + 8,
    top: 36 + leg.height + 10,
    right: width - 20,
    bottom: height - 48,
  };
  const x = linear([xTicks.min, xTicks.max], [plot.left, plot.right]);
  const y = linear([yTicks.min, yTicks.max], [plot.bottom, plot.top]);

  const xFormat = tickFormat(xTicks);
  const xAxis = xTicks.values
    .map(
      (v) =>
        el('line', { x1: x(v), y1: plot.bottom, x2: x(v), y2: plot.bottom + 4, stroke: AXIS_COLOUR }) +
        text(x(v), plot.bottom + 18, xFormat(v), {
          'font-size': TICK_SIZE,
          'text-anchor': 'middle',
          class: 'tick x-tick',
        }),
    )
    .join('');

  const lines = series
    .map((s, i) => {
      const d = s.points
        .map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${round(x(px))} ${round(y(py))}`)
        .join(' ');
      const colour = seriesColour(i);
      const path = el('path', {
        class: 'series',
        'data-series': s.name,
        d: d || 'M0 0',
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
        'stroke-linejoin': 'round',
        'stroke-dasharray': seriesDash(i),
        visibility: d ? undefined : 'hidden',
      });
      // A lone point draws no line; a dot shows it exists.
      const dot =
        s.points.length === 1
          ? el('circle', { cx: x(s.points[0]![0]), cy: y(s.points[0]![1]), r: 3, fill: colour })
          : '';
      return path + dot;
    })
    .join('');

  const marker =
    options.marker && Number.isFinite(options.marker.x)
      ? markerLine(x(options.marker.x), plot, options.marker.label)
      : '';

  const body =
    title(width, options.title) +
    leg.svg +
    valueAxis(yTicks, y, plot, options.yLabel) +
    el('g', { class: 'x-axis' }, xAxis) +
    axisLabelBelow(plot, height, options.xLabel) +
    el('g', { class: 'plot' }, lines) +
    marker +
    (all.length === 0 ? noData(plot) : '');
  return document(width, height, options.title, body);
}

function markerLine(px: number, plot: Plot, label: string): string {
  const anchor = px > (plot.left + plot.right) / 2 ? 'end' : 'start';
  return el(
    'g',
    { class: 'marker' },
    el('line', {
      x1: px,
      y1: plot.top,
      x2: px,
      y2: plot.bottom,
      stroke: '#D55E00',
      'stroke-width': 1.5,
      'stroke-dasharray': '5 4',
    }) +
      text(anchor === 'end' ? px - 4 : px + 4, plot.top + 12, label, {
        'font-size': LABEL_SIZE,
        'text-anchor': anchor,
        fill: '#D55E00',
      }),
  );
}
