import { describe, expect, it } from '@jest/globals';
import { sharedCounts } from '../../src/similarity/shared-counts.js';

/** Deterministic pseudo-random multisets (mulberry32), checked against the all-pairs definition. */
function multisets(n: number, seed: number): Map<number, number>[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => {
    const m = new Map<number, number>();
    for (let i = 0; i < 40; i++) {
      const hash = Math.floor(next() * 60);
      m.set(hash, (m.get(hash) ?? 0) + 1);
    }
    return m;
  });
}

function intersection(a: Map<number, number>, b: Map<number, number>): number {
  let total = 0;
  for (const [hash, count] of a) total += Math.min(count, b.get(hash) ?? 0);
  return total;
}

describe('shared fingerprint counts from the inverted index', () => {
  it.each([1, 2, 7, 30])('match the multiset intersection of every pair (%i submissions)', (n) => {
    const sets = multisets(n, n * 7919);
    const shared = sharedCounts(sets);
    expect(shared).toHaveLength((n * (n - 1)) / 2);
    let index = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++, index++) {
        expect(shared[index]).toBe(
          intersection(sets[i] as Map<number, number>, sets[j] as Map<number, number>),
        );
      }
    }
  });
});
