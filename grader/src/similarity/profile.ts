import { type Kgram, kgramsOf, type Spelling, winnow } from './fingerprint.js';
import type { Unit } from './tokenize.js';
import type { SourceFile } from './types.js';

/** One fingerprint family of a submission, template k-grams already removed. */
export interface Family {
  /** Every non-template k-gram, in order (the loose family's feed the fragments). */
  kgrams: Kgram[];
  /** Winnowed non-template fingerprints as a multiset: hash → count. */
  fingerprints: Map<number, number>;
  size: number;
}

export interface FamilySettings {
  k: number;
  w: number;
  spelling: Spelling;
}

/**
 * Strict: long k-grams over exact literals, the evidence that may auto-zero a pair. Loose: short
 * k-grams over literal classes, which survive heavier disguise but also match honest solutions of
 * a tiny task, so it can only lift a pair into the review band (see compare.ts).
 */
export interface ProfileSettings {
  strict: FamilySettings;
  loose: FamilySettings;
}

export interface Profile {
  id: string;
  files: readonly SourceFile[];
  units: Unit[];
  strict: Family;
  loose: Family;
}

export type TemplateCounts = Record<'strict' | 'loose', ReadonlyMap<number, number>>;

function count(kgrams: readonly Kgram[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { hash } of kgrams) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  return counts;
}

/** Multiset of all template k-grams per family: each occurrence cancels one occurrence in a submission. */
export function templateCounts(settings: ProfileSettings, units: readonly Unit[]): TemplateCounts {
  const family = ({ k, spelling }: FamilySettings) => count(kgramsOf(units, k, spelling));
  return { strict: family(settings.strict), loose: family(settings.loose) };
}

function buildFamily(
  units: readonly Unit[],
  settings: FamilySettings,
  template: ReadonlyMap<number, number>,
): Family {
  const left = new Map(template);
  const kgrams = kgramsOf(units, settings.k, settings.spelling).filter(({ hash }) => {
    const remaining = left.get(hash) ?? 0;
    if (remaining === 0) return true;
    left.set(hash, remaining - 1);
    return false;
  });
  const picked = winnow(kgrams, settings.w);
  return { kgrams, fingerprints: count(picked), size: picked.length };
}

export function buildProfile(
  settings: ProfileSettings,
  id: string,
  files: readonly SourceFile[],
  units: Unit[],
  template: TemplateCounts,
): Profile {
  return {
    id,
    files,
    units,
    strict: buildFamily(units, settings.strict, template.strict),
    loose: buildFamily(units, settings.loose, template.loose),
  };
}
