import { describe, expect, it } from '@jest/globals';
import { mergePairs, mergeStudentRows } from '../src/outputs/regrade-merge.js';
import type { PairScore } from '../src/similarity/index.js';

const pair = (a: string, b: string, similarity: number | null, note?: string): PairScore => ({
  a,
  b,
  similarity,
  ...(note ? { note } : {}),
  fragments: [
    { a: { file: 'x.py', startLine: 1, endLine: 2 }, b: { file: 'x.py', startLine: 1, endLine: 2 } },
  ],
});

describe('merging a regrade into the previous run', () => {
  it('replaces the regraded students rows, keeps the others in order, sorts students by id', () => {
    const previous = [
      { student_id: '1', check: 'a' },
      { student_id: '1', check: 'b' },
      { student_id: '2', check: 'a' },
      { student_id: '3', check: 'a' },
    ];
    const regraded = [
      { student_id: '2', check: 'new-a' },
      { student_id: '2', check: 'new-b' },
    ];
    expect(mergeStudentRows(previous, regraded, new Set(['2']))).toEqual([
      { student_id: '1', check: 'a' },
      { student_id: '1', check: 'b' },
      { student_id: '2', check: 'new-a' },
      { student_id: '2', check: 'new-b' },
      { student_id: '3', check: 'a' },
    ]);
  });

  it("keeps everyone else's pairs as stored, in their place, and puts the regraded student's fresh ones in order", () => {
    const stored = [
      pair('1', '2', 0.91),
      pair('4', '5', 0.3),
      pair('1', '3', 0.2),
      pair('2', '3', null, 'too little own code'),
    ];
    for (const p of stored) p.fragments = [];
    // The regrade moved 4–5 (class-relative weighting): its stored score and place still hold.
    const fresh = [pair('1', '2', 0.9), pair('1', '3', 0.7), pair('4', '5', 0.1), pair('2', '3', 0.05)];
    const merged = mergePairs(stored, fresh, new Set(['3']));
    expect(merged.map((p) => [p.a, p.b, p.similarity, p.note])).toEqual([
      ['1', '2', 0.91, undefined],
      ['1', '3', 0.7, undefined],
      ['4', '5', 0.3, undefined],
      ['2', '3', 0.05, undefined],
    ]);
    expect(merged[0]?.fragments).toHaveLength(1);
  });
});
