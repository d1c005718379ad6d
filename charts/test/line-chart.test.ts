import { describe, expect, it } from '@jest/globals';
import { lineChartSvg } from '../src/index.js';
import { byClass, findAll, parseSvg } from './svg-tree.js';

const ramp = (scale: number): [number, number][] => Array.from({ length: 10 }, (_, s) => [s, s * scale]);

describe('lineChartSvg', () => {
  const svg = lineChartSvg({
    title: 'Requests/s',
    xLabel: 'time (s)',
    yLabel: 'requests/s',
    series: [
      { name: 'single', points: ramp(100) },
      { name: 'select', points: ramp(230) },
      { name: 'multiprocess', points: ramp(10) },
    ],
  });
  const root = parseSvg(svg);

  it('is a well-formed, self-contained SVG document', () => {
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.viewBox).toBe('0 0 720 400');
    expect(svg).not.toMatch(/<script|<style|href=|@import|url\(/);
    expect(root.attrs['font-family']).toContain('sans-serif');
  });

  it('draws one path per series, in legend order', () => {
    const paths = findAll(root, (n) => n.name === 'path' && byClass('series')(n));
    expect(paths.map((p) => p.attrs['data-series'])).toEqual(['single', 'select', 'multiprocess']);
    for (const p of paths) expect(p.attrs.d!.match(/[ML]/g)).toHaveLength(10);
    const colours = new Set(paths.map((p) => p.attrs.stroke));
    expect(colours.size).toBe(3);
    const legendText = findAll(root, byClass('legend-item')).map(
      (g) => findAll(g, (n) => n.name === 'text')[0]!.text,
    );
    expect(legendText).toEqual(['single', 'select', 'multiprocess']);
  });

  it('labels both axes with round ticks covering the data', () => {
    const yTicks = findAll(root, byClass('y-tick')).map((t) => t.text);
    expect(yTicks[0]).toBe('0');
    expect(yTicks).toContain('2,000');
    expect(yTicks.at(-1)).toBe('2,500');
    const xTicks = findAll(root, byClass('x-tick')).map((t) => Number(t.text));
    expect(xTicks[0]).toBe(0);
    expect(xTicks.at(-1)).toBeGreaterThanOrEqual(9);
    expect(xTicks.every((v) => Number.isInteger(v))).toBe(true);
    expect(findAll(root, byClass('x-label'))[0]!.text).toBe('time (s)');
    expect(findAll(root, byClass('y-label'))[0]!.text).toBe('requests/s');
  });

  it('keeps the plot inside the document', () => {
    const numbers = findAll(root, (n) => n.name === 'path').flatMap((p) =>
      p.attrs.d!.match(/-?[\d.]+/g)!.map(Number),
    );
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(720);
  });

  it('escapes markup in titles and names, and drops characters XML cannot carry', () => {
    const nasty = lineChartSvg({
      title: '학생 <server> & "quotes" \u0007',
      xLabel: "x's",
      yLabel: 'y',
      series: [{ name: '</svg><script>', points: ramp(1) }],
    });
    const parsed = parseSvg(nasty);
    expect(findAll(parsed, byClass('chart-title'))[0]!.text).toBe('학생 <server> & "quotes" ');
    expect(nasty).not.toContain('<script>');
    expect(findAll(parsed, byClass('series'))[0]!.attrs['data-series']).toBe('</svg><script>');
  });

  it('draws the marker line with its label', () => {
    const marked = parseSvg(
      lineChartSvg({
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        series: [{ name: 'a', points: ramp(5) }],
        marker: { x: 4, label: 'first failure' },
      }),
    );
    const marker = findAll(marked, byClass('marker'))[0]!;
    expect(findAll(marker, (n) => n.name === 'text')[0]!.text).toBe('first failure');
    const line = findAll(marker, (n) => n.name === 'line')[0]!;
    expect(line.attrs.x1).toBe(line.attrs.x2);
  });

  it('survives empty, single-point and non-finite series', () => {
    const empty = parseSvg(lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [] }));
    expect(findAll(empty, (n) => n.name === 'text').map((t) => t.text)).toContain('no data');
    const odd = parseSvg(
      lineChartSvg({
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        series: [
          { name: 'one', points: [[3, 7]] },
          {
            name: 'nan',
            points: [
              [Number.NaN, 1],
              [1, Number.POSITIVE_INFINITY],
              [2, 2],
            ],
          },
        ],
      }),
    );
    expect(findAll(odd, byClass('series'))).toHaveLength(2);
    expect(findAll(odd, (n) => n.name === 'circle')).toHaveLength(2);
    expect(JSON.stringify(odd)).not.toMatch(/NaN|Infinity/);
  });
});

describe('lineChartSvg over a run with failures', () => {
  const root = parseSvg(
    lineChartSvg({
      title: 'Successes and failures per second',
      xLabel: 'time (s)',
      yLabel: 'per second',
      xWhole: true,
      series: [
        { name: 'a', points: Array.from({ length: 16 }, (_, s) => [s, s < 6 || s > 9 ? 100 : null]) },
        {
          name: 'a failures/s',
          colour: 0,
          dashed: true,
          points: Array.from({ length: 16 }, (_, s) => [s, s > 5 ? 3 : 0]),
        },
      ],
      markers: [{ x: 5.4, label: 'a first failure', colour: 0 }],
    }),
  );
  const paths = findAll(root, byClass('series'));

  it('lifts the pen where a second has no value: a gap, not a drop to zero', () => {
    const d = paths[0]!.attrs.d!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.split(' M')[1]!.split(' ')).toHaveLength(2 * 6);
  });

  it('draws failures/s dashed in the colour of its subject', () => {
    expect(paths[1]!.attrs.stroke).toBe(paths[0]!.attrs.stroke);
    expect(paths[1]!.attrs['stroke-dasharray']).toBeTruthy();
    expect(paths[0]!.attrs['stroke-dasharray']).toBeUndefined();
  });

  it('marks the first failure at its x in the subject colour', () => {
    const marker = findAll(root, byClass('marker'))[0]!;
    const line = findAll(marker, (n) => n.name === 'line')[0]!;
    expect(line.attrs.stroke).toBe(paths[0]!.attrs.stroke);
    expect(findAll(marker, (n) => n.name === 'text')[0]!.text).toBe('a first failure');
  });

  it('puts whole-second ticks on round values (0, 5, 10, 15)', () => {
    expect(findAll(root, byClass('x-tick')).map((t) => t.text)).toEqual(['0', '5', '10', '15']);
  });
});
