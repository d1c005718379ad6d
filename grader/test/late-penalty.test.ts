import { describe, expect, it } from '@jest/globals';
import { lateDays, lateFactor } from '../src/late-penalty.js';

const deadline = new Date('2019-10-31T23:59:00+09:00');

describe('lateDays: started days after deadline + grace', () => {
  it.each<[string, number, number]>([
    ['2019-10-31T23:00:00+09:00', 0, 0],
    ['2019-10-31T23:59:00+09:00', 0, 0],
    ['2019-10-31T23:59:01+09:00', 0, 1],
    ['2019-11-01T00:05:00+09:00', 10, 0],
    ['2019-11-01T00:10:00+09:00', 10, 1],
    ['2019-11-01T23:59:00+09:00', 0, 1],
    ['2019-11-01T23:59:01+09:00', 0, 2],
    ['2019-11-07T12:00:00+09:00', 0, 7],
  ])('%s with %d min grace → %d', (at, graceMinutes, expected) => {
    expect(lateDays(new Date(at), { deadline, graceMinutes })).toBe(expected);
  });
});

describe('lateFactor', () => {
  it.each<[number, number, number, number]>([
    [0, 0.1, 10, 1],
    [1, 0.1, 10, 0.9],
    [3, 0.1, 10, 0.7],
    [10, 0.1, 10, 0],
    [11, 0.1, 10, 0],
    [4, 0.3, 10, 0],
    [3, 0.1, 2, 0],
    [2, 0.25, 3, 0.5],
  ])('%d days at %d/day, max %d → %d', (days, latePenaltyPerDay, maxLateDays, expected) => {
    expect(lateFactor(days, { latePenaltyPerDay, maxLateDays })).toBeCloseTo(expected, 10);
  });
});
