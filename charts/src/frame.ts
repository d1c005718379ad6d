/** The parts every chart shares: title, legend, plot area, value axis with grid lines. */
import { seriesColour, seriesDash } from './palette.js';
import { type Ticks, tickFormat } from './scale.js';
import { el, text, textWidth } from './svg.js';

export const TITLE_SIZE = 16;
export const LABEL_SIZE = 12;
export const TICK_SIZE = 11;
const LEGEND_ROW = 18;
const SWATCH = 14;
export const AXIS_COLOUR = '#333333';
const GRID_COLOUR = '#e0e0e0';

export interface Plot {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Legend {
  svg: string;
  height: number;
}

/** A legend entry whose look is not its position's: a shared colour, a dash, or a hatched swatch. */
export interface LegendEntry {
  name: string;
  colour: number;
  dash?: string;
  /** An SVG paint such as `url(#hatch)`, for bars drawn with a pattern. */
  fill?: string;
}

/** Legend entries laid out left to right under the title, wrapping to a new row when the width runs out. */
export function legend(
  entries: (string | LegendEntry)[],
  left: number,
  top: number,
  maxWidth: number,
  kind: 'line' | 'bar',
): Legend {
  if (entries.length === 0) return { svg: '', height: 0 };
  const parts: string[] = [];
  let x = left;
  let row = 0;
  entries.forEach((entry, i) => {
    const {
      name,
      colour: index,
      dash,
      fill,
    } = typeof entry === 'string' ? { name: entry, colour: i, dash: undefined, fill: undefined } : entry;
    const width = SWATCH + 6 + textWidth(name, LABEL_SIZE) + 18;
    if (x > left && x + width > left + maxWidth) {
      x = left;
      row++;
    }
    const y = top + row * LEGEND_ROW;
    const colour = seriesColour(index);
    const swatch =
      kind === 'line'
        ? el('line', {
            x1: x,
            y1: y + 7,
            x2: x + SWATCH,
            y2: y + 7,
            stroke: colour,
            'stroke-width': 3,
            'stroke-dasharray': dash ?? seriesDash(index),
          })
        : el('rect', { x, y: y + 1, width: SWATCH, height: 12, fill: fill ?? colour });
    parts.push(
      el(
        'g',
        { class: 'legend-item' },
        swatch + text(x + SWATCH + 6, y + 11.5, name, { 'font-size': LABEL_SIZE }),
      ),
    );
    x += width;
  });
  return { svg: el('g', { class: 'legend' }, parts.join('')), height: (row + 1) * LEGEND_ROW };
}

export function title(width: number, content: string): string {
  return text(width / 2, 24, content, {
    'font-size': TITLE_SIZE,
    'font-weight': 'bold',
    'text-anchor': 'middle',
    class: 'chart-title',
  });
}

/** Width the y tick labels need, so the plot starts right after them. */
export function yTickWidth(ticks: Ticks): number {
  const format = tickFormat(ticks);
  return Math.max(...ticks.values.map((v) => textWidth(format(v), TICK_SIZE)));
}

/** Horizontal grid lines, the y axis line, its tick labels and its (rotated) label. */
export function valueAxis(ticks: Ticks, y: (v: number) => number, plot: Plot, label: string): string {
  const format = tickFormat(ticks);
  const parts = ticks.values.map((v) => {
    const py = y(v);
    return (
      el('line', { x1: plot.left, y1: py, x2: plot.right, y2: py, stroke: GRID_COLOUR, 'stroke-width': 1 }) +
      text(plot.left - 6, py + 4, format(v), {
        'font-size': TICK_SIZE,
        'text-anchor': 'end',
        class: 'tick y-tick',
      })
    );
  });
  const midY = (plot.top + plot.bottom) / 2;
  const labelX = 16;
  parts.push(
    text(labelX, midY, label, {
      'font-size': LABEL_SIZE,
      'text-anchor': 'middle',
      transform: `rotate(-90 ${labelX} ${midY})`,
      class: 'axis-label y-label',
    }),
    el('line', { x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: AXIS_COLOUR }),
    el('line', { x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: AXIS_COLOUR }),
  );
  return el('g', { class: 'y-axis' }, parts.join(''));
}

export function axisLabelBelow(plot: Plot, height: number, label: string): string {
  return text((plot.left + plot.right) / 2, height - 10, label, {
    'font-size': LABEL_SIZE,
    'text-anchor': 'middle',
    class: 'axis-label x-label',
  });
}

/** Said in the plot when there is nothing to draw, so an empty chart is not mistaken for a zero. */
export function noData(plot: Plot): string {
  return text((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, 'no data', {
    'font-size': LABEL_SIZE,
    'text-anchor': 'middle',
    fill: '#777777',
  });
}
