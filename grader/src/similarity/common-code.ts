import type { Family, Profile } from './profile.js';

/** Below this many submissions a copy ring can be half the class, so nothing is called common. */
export const commonCodeMinClass = 10;

/** In how many of the class's submissions each fingerprint occurs (once per submission). */
function documentFrequency(families: readonly Family[]): Map<number, number> {
  const df = new Map<number, number>();
  for (const family of families)
    for (const hash of family.fingerprints.keys()) df.set(hash, (df.get(hash) ?? 0) + 1);
  return df;
}

/**
 * One family of every profile, reweighted by the class: a fingerprint in more than `limit`
 * submissions is dropped (MOSS's rule for a forgotten template: what more than half the class
 * wrote, the handout or the lecture dictated); one shared by d > 2 submissions counts
 * (d − 1)^−rarity, so an idea five honest students had weighs less than a detail only two share.
 * Counts become weights, sizes sums of weights; an identical pair still scores 1.
 */
function reweigh(families: Family[], classSize: number, limit: number, rarity: number): Family[] {
  const df = documentFrequency(families.slice(0, classSize));
  return families.map((family) => {
    const fingerprints = new Map<number, number>();
    let size = 0;
    let dropped = 0;
    for (const [hash, count] of family.fingerprints) {
      const d = df.get(hash) ?? 0;
      if (d > limit) {
        dropped += count;
        continue;
      }
      const weight = rarity === 0 || d <= 2 ? count : count * (d - 1) ** -rarity;
      fingerprints.set(hash, weight);
      size += weight;
    }
    return { own: Math.max(0, family.own - dropped), fingerprints, size };
  });
}

/** Which loose fingerprints were dropped as common, so fragments leave them out too. */
function commonHashes(families: readonly Family[], limit: number): Set<number> {
  return new Set([...documentFrequency(families)].filter(([, d]) => d > limit).map(([hash]) => hash));
}

/**
 * Applies the class's frequencies to every profile (the class is the first `classSize`; prior
 * submissions after it are weighed by the class's counts but never counted, so a prior year can
 * neither hide nor create common code). `share` ≥ 1 and `rarity` 0 leave the profiles as they are.
 */
export function weighByClass(
  profiles: Profile[],
  classSize: number,
  share: number,
  rarity: number,
): Profile[] {
  const limit = share >= 1 || classSize < commonCodeMinClass ? Number.POSITIVE_INFINITY : share * classSize;
  if (limit === Number.POSITIVE_INFINITY && rarity === 0) return profiles;
  const strict = reweigh(
    profiles.map((p) => p.strict),
    classSize,
    limit,
    rarity,
  );
  const loose = reweigh(
    profiles.map((p) => p.loose),
    classSize,
    limit,
    rarity,
  );
  const common = commonHashes(
    profiles.slice(0, classSize).map((p) => p.loose),
    limit,
  );
  return profiles.map((p, i) => ({
    ...p,
    strict: strict[i] ?? p.strict,
    loose: loose[i] ?? p.loose,
    fragments:
      common.size === 0
        ? p.fragments
        : { ...p.fragments, kgrams: p.fragments.kgrams.filter((k) => !common.has(k.hash)) },
  }));
}
