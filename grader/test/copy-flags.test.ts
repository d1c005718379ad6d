import { describe, expect, it } from '@jest/globals';
import { copyVerdicts } from '../src/copy-flags.js';

const pair = (a: string, b: string, similarity: number | null) => ({ a, b, similarity, fragments: [] });

describe('copyVerdicts', () => {
  const verdicts = copyVerdicts(
    [
      pair('1', '2', 0.8),
      pair('3', '4', 0.79),
      pair('5', '6', 0.5),
      pair('7', '8', 0.49),
      pair('1', '9', null),
      pair('2', '3', 0.95),
    ],
    0.8,
    0.5,
  );

  it('flags both students of a pair at or above the threshold, naming the other', () => {
    expect(verdicts.get('1')).toEqual({ flags: ['COPY'], notes: ['copy of 2 (80% similar)'] });
    expect(verdicts.get('2')?.flags).toEqual(['COPY']);
    expect(verdicts.get('2')?.notes).toEqual(['copy of 3 (95% similar)', 'copy of 1 (80% similar)']);
  });

  it('puts the review band on REVIEW without deduction', () => {
    expect(verdicts.get('4')).toEqual({ flags: ['REVIEW'], notes: ['similar to 3 (79%), for review'] });
    expect(verdicts.get('3')?.flags).toEqual(['COPY', 'REVIEW']);
    expect(verdicts.get('5')?.flags).toEqual(['REVIEW']);
  });

  it('leaves pairs below the band and unscored pairs alone', () => {
    expect(verdicts.has('7')).toBe(false);
    expect(verdicts.has('8')).toBe(false);
    expect(verdicts.has('9')).toBe(false);
  });
});
