import { byScoreThenIds, type PairScore } from '../similarity/index.js';

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
 * Pairs for a regrade: every pair between two other students as the previous run stored it (score, note and
 * place in the list, with this run's fragments for the side-by-side view), and the regraded students' pairs from
 * this run's comparison, put in place by the engine's order.
 */
export function mergePairs(previous: PairScore[], fresh: PairScore[], ids: ReadonlySet<string>): PairScore[] {
  const byKey = new Map(fresh.map((p) => [key(p), p]));
  const storedKeys = new Set(previous.map(key));
  const kept = previous
    .filter((p) => !involves(p, ids))
    .map((old): PairScore => {
      const now = byKey.get(key(old));
      if (!now) return old;
      // Fragments are computed lazily by the engine's pair: read through it, only for the pairs the view shows.
      return {
        a: old.a,
        b: old.b,
        similarity: old.similarity,
        ...(old.note ? { note: old.note } : {}),
        get fragments() {
          return now.fragments;
        },
      };
    });
  const added = fresh.filter((p) => involves(p, ids) || !storedKeys.has(key(p)));
  // similarity.csv keeps 4 decimals: a kept pair is placed by its full score from this run when it has one, so a
  // regrade that changed nothing lists every pair exactly as the full run did.
  const rank = (p: PairScore) => byKey.get(key(p)) ?? p;
  const merged: PairScore[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < added.length) {
    const take = j < added.length && (i >= kept.length || byScoreThenIds(added[j]!, rank(kept[i]!)) < 0);
    merged.push(take ? added[j++]! : kept[i++]!);
  }
  return merged;
}
