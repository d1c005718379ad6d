import { describe, expect, it } from '@jest/globals';
import { computeScore, type ScoreInput } from '../src/score.js';

const base: ScoreInput = {
  points: 10,
  rubric: {
    server: 0.4,
    report: 0.4,
    code: 0.2,
    concurrency: 0,
    load: 0,
    reportNamePenalty: 0.1,
    loopbackPenalty: 0.2,
  },
  submitted: true,
  reportGradable: true,
  reportFraction: 1,
  reportMisnamed: false,
  loopback: false,
  serverFraction: 1,
  concurrencyFraction: 1,
  loadFraction: 1,
  hasCode: true,
  lateDays: 0,
  late: { latePenaltyPerDay: 0.1, maxLateDays: 5 },
  copy: false,
};

describe('computeScore: rubric parts, then late penalty, then COPY', () => {
  it.each<[string, Partial<ScoreInput>, number]>([
    ['everything right', {}, 10],
    ['no submission', { submitted: false }, 0],
    ['report not gradable (NO_REPORT / REPORT_FORMAT)', { reportGradable: false }, 0],
    ['half the server checks', { serverFraction: 0.5 }, 8],
    ['no code: server and code parts lost', { hasCode: false }, 4],
    ['report 3 of 4 parts', { reportFraction: 0.75 }, 9],
    ['misnamed report', { reportMisnamed: true }, 9],
    ['load test against this machine', { loopback: true }, 8],
    ['loopback and misnamed: both deducted', { loopback: true, reportMisnamed: true }, 7],
    ['loopback on an ungradable report costs nothing more', { loopback: true, reportGradable: false }, 0],
    ['one day late', { lateDays: 1 }, 9],
    ['three days late and misnamed: penalty before lateness', { lateDays: 3, reportMisnamed: true }, 6.3],
    ['past maxLateDays', { lateDays: 6 }, 0],
    ['exactly maxLateDays', { lateDays: 5 }, 5],
    ['copy zeroes even a perfect score', { copy: true }, 0],
    [
      'name penalty cannot go below 0',
      { serverFraction: 0, reportFraction: 0, hasCode: false, reportMisnamed: true },
      0,
    ],
    ['fractions outside [0,1] are clamped', { serverFraction: 2, reportFraction: -1 }, 6],
    ['the concurrency part is 0 unless the rubric gives it points', { concurrencyFraction: 0 }, 10],
  ])('%s → %d', (_name, change, expected) => {
    expect(computeScore({ ...base, ...change }).score).toBe(expected);
  });

  it.each<[string, Partial<ScoreInput>, number]>([
    ['everything right', {}, 10],
    ['blocking: the concurrency part lost', { concurrencyFraction: 0 }, 9],
    ['two of three load thresholds met', { loadFraction: 2 / 3 }, 9.67],
    ['no code: server, concurrency, load and code lost', { hasCode: false }, 3],
  ])('with concurrency and load parts: %s → %d', (_name, change, expected) => {
    const rubric = {
      server: 0.3,
      report: 0.3,
      code: 0.2,
      concurrency: 0.1,
      load: 0.1,
      reportNamePenalty: 0.1,
      loopbackPenalty: 0,
    };
    expect(computeScore({ ...base, rubric, ...change }).score).toBe(expected);
  });

  it('loopback costs nothing in a spec that does not set loopbackPenalty', () => {
    const rubric = { ...base.rubric, loopbackPenalty: 0 };
    expect(computeScore({ ...base, rubric, loopback: true }).score).toBe(10);
  });

  it('reports every step of the computation', () => {
    const b = computeScore({ ...base, serverFraction: 0.5, lateDays: 2, reportMisnamed: true });
    expect(b).toEqual({
      server: 2,
      concurrency: 0,
      load: 0,
      report: 4,
      code: 2,
      namePenalty: 1,
      loopbackPenalty: 0,
      base: 7,
      lateFactor: 0.8,
      afterLate: 5.6,
      score: 5.6,
    });
  });
});
