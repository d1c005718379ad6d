import { describe, expect, it } from '@jest/globals';
import { barChartSvg } from '../src/index.js';
import { byClass, findAll, parseSvg } from './svg-tree.js';

const models = ['single', 'multiprocess', 'prefork', 'multithread', 'threadpool', 'select'];

describe('barChartSvg', () => {
  const root = parseSvg(
    barChartSvg({
      title: 'Max requests/s',
      yLabel: 'requests/s',
      categories: models,
      series: [
        { name: 'ramp', values: [9000, 500, 12000, 3000, 7000, 14000] },
        { name: 'fixed', values: [8500, 480, null, 2900, 6800, 13000] },
      ],
    }),
  );
  const bars = findAll(root, (n) => n.name === 'rect' && byClass('bar')(n));

  it('draws one bar per present value, grouped by category', () => {
    expect(bars).toHaveLength(11);
    expect(
      bars.filter((b) => b.attrs['data-category'] === 'prefork').map((b) => b.attrs['data-series']),
    ).toEqual(['ramp']);
    const x = (series: string, category: string) =>
      Number(
        bars.find((b) => b.attrs['data-series'] === series && b.attrs['data-category'] === category)!.attrs.x,
      );
    expect(x('ramp', 'single')).toBeLessThan(x('fixed', 'single'));
    expect(x('fixed', 'single')).toBeLessThan(x('ramp', 'multiprocess'));
  });

  it('makes bar heights proportional to the values', () => {
    const h = (series: string, category: string) =>
      Number(
        bars.find((b) => b.attrs['data-series'] === series && b.attrs['data-category'] === category)!.attrs
          .height,
      );
    expect(h('ramp', 'select') / h('ramp', 'single')).toBeCloseTo(14000 / 9000, 1);
    expect(new Set(bars.filter((b) => b.attrs['data-series'] === 'ramp').map((b) => b.attrs.fill)).size).toBe(
      1,
    );
  });

  it('labels categories, ticks from zero, and the legend', () => {
    expect(findAll(root, byClass('x-tick')).map((t) => t.text)).toEqual(models);
    const ticks = findAll(root, byClass('y-tick')).map((t) => t.text);
    expect(ticks[0]).toBe('0');
    expect(ticks.at(-1)).toBe('15k');
    expect(findAll(root, byClass('legend-item'))).toHaveLength(2);
    expect(findAll(root, byClass('value')).map((t) => t.text)).toContain('14,000');
  });

  it('tilts category labels too long for their slot', () => {
    const tilted = parseSvg(
      barChartSvg({
        title: 't',
        yLabel: 'y',
        categories: models.map((m) => `${m} (student server, keep-alive)`),
        series: [{ name: 'a', values: [1, 2, 3, 4, 5, 6] }],
      }),
    );
    expect(findAll(tilted, byClass('x-tick')).every((t) => t.attrs.transform?.startsWith('rotate('))).toBe(
      true,
    );
  });

  it('says "no data" instead of drawing zeros when nothing was measured', () => {
    const empty = parseSvg(
      barChartSvg({ title: 't', yLabel: 'y', categories: ['a'], series: [{ name: 's', values: [null] }] }),
    );
    expect(findAll(empty, byClass('bar'))).toHaveLength(0);
    expect(findAll(empty, (n) => n.name === 'text').map((t) => t.text)).toContain('no data');
  });
});

describe('barChartSvg with bars on too few samples', () => {
  const svg = barChartSvg({
    title: 'Mean response time',
    yLabel: 'ms',
    categories: ['single', 'multiprocess', 'select'],
    series: [
      { name: 'fixed', values: [8, 4940, 5], weak: [null, 'n = 5/300', null] },
      { name: 'open', values: [9, null, 6] },
    ],
    format: (v) => `${Math.round(v)}`,
  });
  const root = parseSvg(svg);
  const bars = findAll(root, (n) => n.name === 'rect' && byClass('bar')(n));
  const bar = (series: string, category: string) =>
    bars.find((b) => b.attrs['data-series'] === series && b.attrs['data-category'] === category)!;
  const ticks = findAll(root, byClass('x-tick'));

  it('hatches the weak bar, labels it with its note and keeps it out of the scale', () => {
    const weak = bar('fixed', 'multiprocess');
    expect(weak.attrs.class).toBe('bar weak');
    expect(weak.attrs.fill).toMatch(/^url\(#/);
    expect(findAll(root, (n) => n.name === 'pattern')).toHaveLength(1);
    expect(findAll(root, byClass('weak')).find((n) => n.name === 'text')!.text).toBe('4940');
    expect(findAll(root, byClass('note')).map((n) => n.text)).toEqual(['n = 5/300']);
    // The scale is set by the strong values (≤ 9 ms), so the tallest tick stays near them.
    const yTicks = findAll(root, byClass('y-tick')).map((n) => Number(n.text.replace(/,/g, '')));
    expect(Math.max(...yTicks)).toBeLessThan(100);
    // Cut at the plot's top rather than drawn past it.
    expect(Number(weak.attrs.y)).toBeGreaterThan(0);
  });

  it('writes value labels with the given format', () => {
    expect(findAll(root, byClass('value')).map((n) => n.text)).toContain('8');
  });

  it("centres a category's bars on its tick, however many series it lacks", () => {
    const tick = ticks.find((t) => t.text === 'multiprocess')!;
    const b = bar('fixed', 'multiprocess');
    const centre = Number(b.attrs.x) + Number(b.attrs.width) / 2;
    expect(centre).toBeCloseTo(Number(tick.attrs.x), 0);
    const pairTick = Number(ticks.find((t) => t.text === 'single')!.attrs.x);
    const left = bar('fixed', 'single');
    const right = bar('open', 'single');
    const mid = (Number(left.attrs.x) + Number(right.attrs.x) + Number(right.attrs.width)) / 2;
    expect(mid).toBeCloseTo(pairTick, 0);
  });
});
