import { AXIS_COLOUR, legend, noData, type Plot, TICK_SIZE, title, valueAxis, yTickWidth } from './frame.js';
import { seriesColour } from './palette.js';
import { formatValue, linear, niceTicks } from './scale.js';
import { document, el, text, textWidth } from './svg.js';

export interface BarSeries {
  name: string;
  /** One value per category, in category order; a missing or non-finite value leaves a gap. */
  values: (number | null)[];
}

export interface BarChartOptions {
  title: string;
  yLabel: string;
  categories: string[];
  series: BarSeries[];
  width?: number;
  height?: number;
}

/** Grouped bars as a self-contained SVG: one group per category, one `<rect class="bar">` per present value. */
export function barChartSvg(options: BarChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 400;
  const values = options.series
    .flatMap((s) => s.values)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const yTicks = niceTicks(Math.min(0, ...values), values.length ? Math.max(0, ...values) : 1, 5);
  const leg = legend(
    options.series.map((s) => s.name),
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
    options.series.forEach((s, i) => {
      const v = s.values[c];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      const bx = cx - groupWidth / 2 + i * barWidth;
      const top = Math.min(y(v), zero);
      bars.push(
        el(
          'rect',
          {
            class: 'bar',
            'data-series': s.name,
            'data-category': category,
            x: bx + 1,
            y: top,
            width: Math.max(1, barWidth - 2),
            height: Math.abs(zero - y(v)),
            fill: seriesColour(i),
          },
          el('title', {}, `${s.name} — ${category}: ${formatValue(v)}`),
        ),
      );
      if (showValues) {
        bars.push(
          text(bx + barWidth / 2, top - 3, formatValue(v), {
            'font-size': 9,
            'text-anchor': 'middle',
            class: 'value',
          }),
        );
      }
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
    title(width, options.title) +
    leg.svg +
    valueAxis(yTicks, y, plot, options.yLabel) +
    el('g', { class: 'x-axis' }, labels.join('')) +
    el('g', { class: 'plot' }, bars.join('')) +
    (values.length === 0 ? noData(plot) : '');
  return document(width, height, options.title, body);
}
