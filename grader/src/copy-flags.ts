import type { Flag } from './flags.js';
import type { PriorStudent } from './prior-years.js';
import type { PairScore } from './similarity/index.js';

export interface CopyVerdict {
  flags: Flag[];
  notes: string[];
}

/**
 * Pairs at or above `threshold` → COPY for both (the other's id in notes); pairs in [review, threshold) → REVIEW
 * (no deduction). Pairs without a score (too little own code) decide nothing. A pair with a prior
 * year's submission (a key in `prior`) flags the current student only, naming the prior id and year.
 */
export function copyVerdicts(
  pairs: PairScore[],
  threshold: number,
  review: number,
  prior: ReadonlyMap<string, PriorStudent> = new Map(),
): Map<string, CopyVerdict> {
  const out = new Map<string, CopyVerdict>();
  const add = (id: string, flag: Flag, note: string) => {
    if (prior.has(id)) return;
    const v = out.get(id) ?? { flags: [], notes: [] };
    if (!v.flags.includes(flag)) v.flags.push(flag);
    v.notes.push(note);
    out.set(id, v);
  };
  const who = (id: string) => {
    const earlier = prior.get(id);
    return earlier ? `${earlier.id} of ${earlier.year} (prior year)` : id;
  };
  const sorted = [...pairs].sort(
    (x, y) => (y.similarity ?? -1) - (x.similarity ?? -1) || (x.a + x.b < y.a + y.b ? -1 : 1),
  );
  for (const p of sorted) {
    if (p.similarity === null) continue;
    const pct = `${Math.round(p.similarity * 100)}%`;
    if (p.similarity >= threshold) {
      add(p.a, 'COPY', `copy of ${who(p.b)} (${pct} similar)`);
      add(p.b, 'COPY', `copy of ${who(p.a)} (${pct} similar)`);
    } else if (p.similarity >= review) {
      add(p.a, 'REVIEW', `similar to ${who(p.b)} (${pct}), for review`);
      add(p.b, 'REVIEW', `similar to ${who(p.a)} (${pct}), for review`);
    }
  }
  return out;
}
