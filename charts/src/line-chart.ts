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
  /** A null y (e.g. a second with no successful response) breaks the line: a gap, not a zero. */
  points: [number, number | null][];
  /** Palette index; by default the series' own position. Lets two series of one subject share a colour. */
  colour?: number;
  /** Drawn dashed, e.g. a subject's failures/s beside its successes/s. */
  dashed?: boolean;
}

export interface Marker {
  x: number;
  label: string;
  /** Palette index; the default is the marker's vermillion. */
  colour?: number;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  width?: number;
  height?: number;
  /** A vertical dashed line with a label, e.g. the second of the first failure. */
  marker?: Marker;
  /** More markers, e.g. one first failure per subject. */
  markers?: Marker[];
  /** Only whole-unit steps on the x axis (0, 5, 10, 15 s rather than 0, 2.5, 5…). */
  xWhole?: boolean;
}

/** A non-finite x is dropped; a missing y is kept as a gap. */
const placed = ([x, y]: [number, number | null]): [number, number | null] | null =>
  Number.isFinite(x) ? [x, y !== null && Number.isFinite(y) ? y : null] : null;

/** Runs of consecutive points with a value: each is drawn as one stretch of line. */
function stretches(points: [number, number | null][]): [number, number][][] {
  const out: [number, number][][] = [];
  let current: [number, number][] = [];
  for (const [x, y] of points) {
    if (y === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push([x, y]);
  }
  if (current.length) out.push(current);
  return out;
}

/** A line chart as a self-contained SVG document: one `<path class="series">` per series, in legend order. */
export function lineChartSvg(options: LineChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 400;
  const series = options.series.map((s, i) => ({
    name: s.name,
    colour: s.colour ?? i,
    dashed: s.dashed ?? false,
    parts: stretches(s.points.map(placed).filter((p): p is [number, number | null] => p !== null)),
  }));
  const all = series.flatMap((s) => s.parts.flat());
  const markers = [...(options.marker ? [options.marker] : []), ...(options.markers ?? [])].filter((m) =>
    Number.isFinite(m.x),
  );
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  xs.push(...markers.map((m) => m.x));
  const xTicks = niceTicks(
    xs.length ? Math.min(...xs) : 0,
    xs.length ? Math.max(...xs) : 1,
    6,
    options.xWhole,
  );
  // Rates and times are never negative: start the value axis at zero so heights compare honestly.
  const yLow = ys.length ? Math.min(0, ...ys) : 0;
  const yTicks = niceTicks(yLow, ys.length ? Math.max(...ys) : 1, 5);

  const leg = legend(
    series.map((s) => ({ name: s.name, colour: s.colour, dash: s.dashed ? DASHED : seriesDash(s.colour) })),
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
    .map((s) => {
      // One subpath per stretch: the pen lifts over a gap.
      const d = s.parts
        .map((part) =>
          part.map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${round(x(px))} ${round(y(py))}`).join(' '),
        )
        .join(' ');
      const colour = seriesColour(s.colour);
      const path = el('path', {
        class: 'series',
        'data-series': s.name,
        d: d || 'M0 0',
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
        'stroke-linejoin': 'round',
        'stroke-dasharray': s.dashed ? DASHED : seriesDash(s.colour),
        visibility: d ? undefined : 'hidden',
      });
      // A lone point draws no line; a dot shows it exists.
      const dots = s.parts
        .filter((part) => part.length === 1)
        .map((part) => el('circle', { cx: x(part[0]![0]), cy: y(part[0]![1]), r: 3, fill: colour }))
        .join('');
      return path + dots;
    })
    .join('');

  // Labels of several markers are stacked so they do not overprint one another.
  const marker = markers.map((m, i) => markerLine(x(m.x), plot, m.label, m.colour, i)).join('');

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

const MARKER_COLOUR = '#D55E00';
/** Failures/s and other secondary lines: a long dash, apart from the palette's own dash cycle. */
const DASHED = '7 4';

function markerLine(px: number, plot: Plot, label: string, colour: number | undefined, row: number): string {
  const anchor = px > (plot.left + plot.right) / 2 ? 'end' : 'start';
  const stroke = colour === undefined ? MARKER_COLOUR : seriesColour(colour);
  return el(
    'g',
    { class: 'marker', 'data-x': round(px) },
    el('line', {
      x1: px,
      y1: plot.top,
      x2: px,
      y2: plot.bottom,
      stroke,
      'stroke-width': 1.5,
      'stroke-dasharray': '5 4',
    }) +
      text(anchor === 'end' ? px - 4 : px + 4, plot.top + 12 + row * (LABEL_SIZE + 2), label, {
        'font-size': LABEL_SIZE,
        'text-anchor': anchor,
        fill: stroke,
      }),
  );
}
