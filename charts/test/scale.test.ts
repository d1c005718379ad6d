import { describe, expect, it } from '@jest/globals';
import { formatValue, niceTicks, tickFormat } from '../src/index.js';

describe('niceTicks', () => {
  it.each([
    [0, 97, 5, 0, 100, 20],
    [0, 1234, 5, 0, 1250, 250],
    [0, 0.37, 5, 0, 0.4, 0.1],
    [3, 47, 6, 0, 50, 10],
    [0, 12, 6, 0, 12, 2],
    [-5, 5, 5, -6, 6, 2],
  ])('covers [%p, %p] in about %p round steps', (lo, hi, count, min, max, step) => {
    const t = niceTicks(lo, hi, count);
    expect(t).toMatchObject({ min, max, step });
    expect(t.values[0]).toBe(min);
    expect(t.values.at(-1)).toBe(max);
    for (let i = 1; i < t.values.length; i++) expect(t.values[i]! - t.values[i - 1]!).toBeCloseTo(step, 9);
  });

  it('prints decimal ticks without floating-point noise', () => {
    expect(niceTicks(0, 0.3, 3).values).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('widens a flat domain instead of dividing by zero', () => {
    const flat = niceTicks(5, 5);
    expect(flat.min).toBeLessThan(5);
    expect(flat.max).toBeGreaterThan(5);
    expect(niceTicks(0, 0).values).toContain(1);
  });

  it('falls back to [0, 1] for non-finite input', () => {
    expect(niceTicks(Number.NaN, Number.POSITIVE_INFINITY)).toMatchObject({ min: 0, max: 1 });
  });
});

describe('tickFormat', () => {
  it('uses one unit for the whole axis', () => {
    const t = niceTicks(0, 14_000, 5);
    const format = tickFormat(t);
    expect(t.values.map(format)).toEqual(['0', '5k', '10k', '15k']);
  });

  it('groups thousands below 10,000 and keeps the decimals the step needs', () => {
    expect(niceTicks(0, 4000, 4).values.map(tickFormat(niceTicks(0, 4000, 4)))).toEqual([
      '0',
      '1,000',
      '2,000',
      '3,000',
      '4,000',
    ]);
    const small = niceTicks(0, 0.5, 2);
    expect(small.values.map(tickFormat(small))).toEqual(['0', '0.25', '0.50']);
  });

  it('formats measured values to about three figures', () => {
    expect([12345.6, 42.42, 1.234, 0, 8].map(formatValue)).toEqual(['12,346', '42.4', '1.23', '0', '8']);
  });
});

describe('niceTicks for whole units', () => {
  it('steps by 1, 2 or 5 × 10^k and never below 1', () => {
    expect(niceTicks(0, 15, 6, true).values).toEqual([0, 5, 10, 15]);
    expect(niceTicks(0, 2, 6, true).values).toEqual([0, 1, 2]);
    expect(niceTicks(0, 8, 6, true).values).toEqual([0, 2, 4, 6, 8]);
  });
});
