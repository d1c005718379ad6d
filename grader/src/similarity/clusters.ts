import type { PairScore } from './types.js';

export interface ClusterMember {
  id: string;
  /** The member's highest similarity to another member of its cluster. */
  maxSimilarity: number;
}

export interface Cluster {
  /** 1-based, in the order listed: largest first, then highest similarity, then first id. */
  number: number;
  members: ClusterMember[];
  maxSimilarity: number;
}

/**
 * Connected components of the graph whose edges are the pairs scoring at or above `floor`: three
 * students who copied one source form one cluster even when two of them were never paired above
 * the floor with each other. Singletons are left out.
 */
export function clustersOf(pairs: readonly PairScore[], floor: number): Cluster[] {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let at = id;
    while (parent.get(at) !== at) at = parent.get(at) ?? at;
    parent.set(id, at);
    return at;
  };
  const best = new Map<string, number>();
  for (const p of pairs) {
    if (p.similarity === null || p.similarity < floor) continue;
    for (const id of [p.a, p.b]) {
      if (!parent.has(id)) parent.set(id, id);
      best.set(id, Math.max(best.get(id) ?? 0, p.similarity));
    }
    const [ra, rb] = [root(p.a), root(p.b)];
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(drop, keep);
  }
  const groups = new Map<string, ClusterMember[]>();
  for (const id of parent.keys()) {
    const members = groups.get(root(id)) ?? [];
    members.push({ id, maxSimilarity: best.get(id) ?? 0 });
    groups.set(root(id), members);
  }
  return [...groups.values()]
    .map((members) => {
      members.sort((x, y) => y.maxSimilarity - x.maxSimilarity || (x.id < y.id ? -1 : 1));
      return { number: 0, members, maxSimilarity: members[0]?.maxSimilarity ?? 0 };
    })
    .sort(
      (x, y) =>
        y.members.length - x.members.length ||
        y.maxSimilarity - x.maxSimilarity ||
        ((x.members[0]?.id ?? '') < (y.members[0]?.id ?? '') ? -1 : 1),
    )
    .map((cluster, i) => ({ ...cluster, number: i + 1 }));
}
