import { describe, expect, it } from '@jest/globals';
import { AssignmentSpec } from '@netlab/assignments';
import { applyOverrides, type OverrideRow, validateOverrides } from '../src/overrides.js';
import type { ScoreBreakdown } from '../src/score.js';
import { testSpec } from './fixtures/build-class.js';

/** 10 points: server 4, report 4, code 2; one day late (× 0.9). */
const late: ScoreBreakdown = {
  server: 2,
  concurrency: 0,
  load: 0,
  report: 4,
  code: 2,
  namePenalty: 0,
  loopbackPenalty: 0,
  base: 8,
  lateFactor: 0.9,
  afterLate: 7.2,
  score: 7.2,
};
const row = (part: string, value = '', reason = 'why'): OverrideRow => ({
  student_id: '2019000001',
  part,
  value,
  reason,
});

describe('overrides', () => {
  it.each([
    [
      'a part replaces its points, then the late factor applies again',
      [row('server', '4')],
      [],
      9,
      ['LATE', 'OVERRIDE'],
    ],
    ['flag:+COPY sets COPY and its zero', [row('flag:+COPY')], [], 0, ['LATE', 'COPY', 'OVERRIDE']],
    ['flag:-COPY lifts the zero', [row('flag:-COPY')], ['COPY'], 7.2, ['LATE', 'OVERRIDE']],
    [
      'score wins over every other row, whatever their order',
      [row('score', '9.5'), row('server', '0')],
      [],
      9.5,
      ['LATE', 'OVERRIDE'],
    ],
  ] as const)('%s', (_what, rows, extra, score, flags) => {
    const copy = extra.includes('COPY' as never);
    const b = copy ? { ...late, score: 0 } : late;
    const out = applyOverrides(b, ['LATE', ...(copy ? (['COPY'] as const) : [])], [...rows]);
    expect(out.breakdown.score).toBe(score);
    expect(out.flags).toEqual(flags);
    expect(out.lines).toHaveLength(rows.length);
  });

  it('a recomputed score keeps every deduction (LOOPBACK here)', () => {
    const loopback = { ...late, loopbackPenalty: 1, base: 7, afterLate: 6.3, score: 6.3 };
    const out = applyOverrides(loopback, ['LOOPBACK', 'LATE'], [row('server', '4')]);
    expect(out.breakdown).toMatchObject({ server: 4, base: 9, afterLate: 8.1, score: 8.1 });
  });

  it('writes each row as 조정 Override: … — reason', () => {
    expect(applyOverrides(late, [], [row('server', '3', '재확인')]).lines).toEqual([
      '조정 Override: server 2 → 3 — 재확인',
    ]);
  });

  it('no rows change nothing, not even the flags', () => {
    expect(applyOverrides(late, ['LATE'], [])).toEqual({ breakdown: late, flags: ['LATE'], lines: [] });
  });

  it('refuses a part the spec does not weigh (concurrency is 0 here)', () => {
    const spec = AssignmentSpec.parse(testSpec(8080));
    expect(() => validateOverrides([row('concurrency', '1')], new Set(['2019000001']), spec)).toThrow(
      'overrides row 2 (2019000001,concurrency): part concurrency is not graded by this spec',
    );
  });
});
