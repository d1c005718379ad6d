import type { PairScore } from '../similarity/index.js';

/**
 * The previous run's rows with the regraded students' rows replaced: everyone else's rows kept as read (so they
 * are written back byte for byte), each student's rows in their order, students sorted by id as a full run sorts.
 */
export function mergeStudentRows<R extends { student_id: string }>(
  previous: R[],
  regraded: R[],
  ids: ReadonlySet<string>,
): R[] {
  const kept = previous.filter((r) => !ids.has(r.student_id));
  return [...kept, ...regraded].sort((x, y) =>
    x.student_id < y.student_id ? -1 : x.student_id > y.student_id ? 1 : 0,
  );
}

const key = (p: PairScore) => `${p.a}\u0000${p.b}`;
const involves = (p: PairScore, ids: ReadonlySet<string>) => ids.has(p.a) || ids.has(p.b);

/**
 * Pairs for a regrade: those involving a regraded student from this run's comparison, every other pair's score
 * and note as the previous run stored them (with this run's fragments for the side-by-side view), in this run's
 * order; stored pairs this run did not see are kept after them.
 */
export function mergePairs(previous: PairScore[], fresh: PairScore[], ids: ReadonlySet<string>): PairScore[] {
  const stored = new Map(previous.filter((p) => !involves(p, ids)).map((p) => [key(p), p]));
  const merged = fresh.map((p) => {
    const old = involves(p, ids) ? undefined : stored.get(key(p));
    if (!old) return p;
    stored.delete(key(p));
    // Fragments are computed lazily by the engine's pair: read through it, only for the pairs the view shows.
    return {
      a: p.a,
      b: p.b,
      similarity: old.similarity,
      ...(old.note ? { note: old.note } : {}),
      get fragments() {
        return p.fragments;
      },
    };
  });
  return [...merged, ...stored.values()];
}
