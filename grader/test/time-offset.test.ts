import { describe, expect, it } from '@jest/globals';
import { courseTime } from '../src/time-offset.js';

describe("times on the course's clock", () => {
  it.each([
    ['2019-10-31T14:59:00.000Z', '2019-10-31T23:59:00+09:00', '2019-10-31T23:59:00+09:00'],
    ['2019-11-01T00:00:00.000Z', '2019-10-31T23:59:00+09:00', '2019-11-01T09:00:00+09:00'],
    ['2019-11-01T00:00:00.250Z', '2019-10-31T23:59:00+09:00', '2019-11-01T09:00:00.250+09:00'],
    ['2019-11-01T02:00:00.000Z', '2019-10-31T23:59:00-03:30', '2019-10-31T22:30:00-03:30'],
    ['2019-11-01T02:00:00.000Z', '2019-10-31T23:59:00Z', '2019-11-01T02:00:00+00:00'],
  ])('%s with a deadline written %s reads %s', (utc, deadline, shown) => {
    expect(courseTime(new Date(utc), deadline)).toBe(shown);
    expect(new Date(shown).getTime()).toBe(new Date(utc).getTime());
  });
});
