/**
 * Shared fingerprints (multiset intersection size) of every pair, counted from an inverted index
 * fingerprint → submissions: work grows with how widely each fingerprint is shared, not with the
 * number of pairs times the fingerprints in each. Pair (i, j), i < j, sits at row(i) + j in a flat
 * upper triangle, the order in which the caller walks the pairs.
 */
export function sharedCounts(multisets: readonly ReadonlyMap<number, number>[]): Float64Array {
  const n = multisets.length;
  const postings = new Map<number, number[]>();
  multisets.forEach((multiset, sub) => {
    for (const [hash, count] of multiset) {
      let list = postings.get(hash);
      if (list === undefined) {
        list = [];
        postings.set(hash, list);
      }
      list.push(sub, count);
    }
  });
  const shared = new Float64Array((n * (n - 1)) / 2);
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x += 2) {
      const i = list[x] as number;
      const ci = list[x + 1] as number;
      const row = (i * (2 * n - i - 1)) / 2 - i - 1;
      for (let y = x + 2; y < list.length; y += 2) {
        const cj = list[y + 1] as number;
        const at = row + (list[y] as number);
        shared[at] = (shared[at] ?? 0) + Math.min(ci, cj);
      }
    }
  }
  return shared;
}
