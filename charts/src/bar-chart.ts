import { AXIS_COLOUR, legend, noData, type Plot, TICK_SIZE, title, valueAxis, yTickWidth } from './frame.js';
import { seriesColour } from './palette.js';
import { formatValue, linear, niceTicks } from './scale.js';
import { document, el, text, textWidth } from './svg.js';

export interface BarSeries {
  name: string;
  /** One value per category, in category order; a missing or non-finite value leaves a gap. */
  values: (number | null)[];
  /**
   * Per category, a note such as "n = 5/300" marking a value built on too few samples: its bar is hatched,
   * labelled with the note, left out of the scale and cut at the top of the plot if it is taller.
   */
  weak?: (string | null)[];
}

export interface BarChartOptions {
  title: string;
  yLabel: string;
  categories: string[];
  series: BarSeries[];
  width?: number;
  height?: number;
  /** The legend's name for hatched bars. */
  weakLabel?: string;
  /** How a bar's value label is written; the default is about three significant figures. */
  format?: (value: number) => string;
}

const HATCH_ID = 'weak-hatch';
const hatchPattern = () =>
  el(
    'defs',
    {},
    el(
      'pattern',
      { id: HATCH_ID, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      el('rect', { width: 6, height: 6, fill: '#ffffff' }) +
        el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#777777', 'stroke-width': 3 }),
    ),
  );

/** Grouped bars as a self-contained SVG: one group per category, one `<rect class="bar">` per present value. */
export function barChartSvg(options: BarChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 400;
  const format = options.format ?? formatValue;
  const present = (v: number | null | undefined): v is number =>
    v !== null && v !== undefined && Number.isFinite(v);
  const isWeak = (s: BarSeries, c: number) => typeof s.weak?.[c] === 'string';
  const values = options.series.flatMap((s) => s.values).filter(present);
  // Weak values do not set the scale, unless nothing else was measured.
  const strong = options.series.flatMap(
    (s) => s.values.filter((v, c) => present(v) && !isWeak(s, c)) as number[],
  );
  const scaled = strong.length ? strong : values;
  const yTicks = niceTicks(Math.min(0, ...scaled), scaled.length ? Math.max(0, ...scaled) : 1, 5);
  const anyWeak = options.series.some((s) => s.values.some((v, c) => present(v) && isWeak(s, c)));
  const leg = legend(
    [
      ...options.series.map((s) => s.name),
      ...(anyWeak
        ? [{ name: options.weakLabel ?? 'too few samples', colour: 6, fill: `url(#${HATCH_ID})` }]
        : []),
    ],
    60,
    36,
    width - 80,
    'bar',
  );
  const left = 30 + yTickWidth(yTicks) + 8;
  const slot = (width - 20 - left) / Math.max(1, options.categories.length);
  const widest = Math.max(0, ...options.categories.map((c) => textWidth(c, TICK_SIZE)));
  // Long category names are tilted rather than overlapped.
  const tilt = widest > slot - 6;
  const plot: Plot = {
    left,
    top: 36 + leg.height + 10,
    right: width - 20,
    bottom: height - 30 - (tilt ? Math.min(widest * 0.6, height / 4) : 16),
  };
  const y = linear([yTicks.min, yTicks.max], [plot.bottom, plot.top]);
  const zero = y(0);
  const groupWidth = slot * 0.8;
  const barWidth = groupWidth / Math.max(1, options.series.length);
  const showValues = options.categories.length * options.series.length <= 24;

  const bars: string[] = [];
  const labels: string[] = [];
  options.categories.forEach((category, c) => {
    const cx = plot.left + slot * (c + 0.5);
    // The bars a category has are centred on its tick, however many of the series it lacks.
    const drawn = options.series.map((s, i) => ({ s, i })).filter(({ s }) => present(s.values[c]));
    drawn.forEach(({ s, i }, k) => {
      const v = s.values[c]!;
      const weak = s.weak?.[c] ?? null;
      const bx = cx - (drawn.length * barWidth) / 2 + k * barWidth;
      const reach = weak === null ? y(v) : Math.max(y(v), plot.top);
      const top = Math.min(reach, zero);
      const label = weak === null ? format(v) : `${format(v)} (${weak})`;
      bars.push(
        el(
          'rect',
          {
            class: weak === null ? 'bar' : 'bar weak',
            'data-series': s.name,
            'data-category': category,
            x: bx + 1,
            y: top,
            width: Math.max(1, barWidth - 2),
            height: Math.abs(zero - reach),
            fill: weak === null ? seriesColour(i) : `url(#${HATCH_ID})`,
            stroke: weak === null ? undefined : seriesColour(i),
          },
          el('title', {}, `${s.name} — ${category}: ${label}`),
        ),
      );
      if (weak === null) {
        if (showValues) {
          bars.push(
            text(bx + barWidth / 2, top - 3, label, {
              'font-size': 9,
              'text-anchor': 'middle',
              class: 'value',
            }),
          );
        }
        return;
      }
      // The value over its note, on two lines; neighbouring weak bars alternate in height so their notes,
      // wider than a bar, do not overprint each other.
      const base = reach <= plot.top ? plot.top + 24 + (k % 2) * 22 : top - 3 - (k % 2) * 22;
      bars.push(
        text(bx + barWidth / 2, base - 11, format(v), {
          'font-size': 9,
          'text-anchor': 'middle',
          class: 'value weak',
        }) + text(bx + barWidth / 2, base, weak, { 'font-size': 8, 'text-anchor': 'middle', class: 'note' }),
      );
    });
    const ly = plot.bottom + 16;
    labels.push(
      el('line', { x1: cx, y1: plot.bottom, x2: cx, y2: plot.bottom + 4, stroke: AXIS_COLOUR }) +
        text(cx, ly, category, {
          'font-size': TICK_SIZE,
          'text-anchor': tilt ? 'end' : 'middle',
          transform: tilt ? `rotate(-35 ${cx} ${ly})` : undefined,
          class: 'tick x-tick',
        }),
    );
  });

  const body =
    (anyWeak ? hatchPattern() : '') +
    title(width, options.title) +
    leg.svg +
    valueAxis(yTicks, y, plot, options.yLabel) +
    el('g', { class: 'x-axis' }, labels.join('')) +
    el('g', { class: 'plot' }, bars.join('')) +
    (values.length === 0 ? noData(plot) : '');
  return document(width, height, options.title, body);
}
