import { type Kgram, kgramsOf, type Spelling, winnow } from './fingerprint.js';
import type { Unit } from './tokenize.js';
import type { SourceFile } from './types.js';

/** One fingerprint family of a submission, template k-grams already removed. */
export interface Family {
  /** How many k-grams are the submission's own (not template). */
  own: number;
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

/** What fragments need, kept apart so the fingerprint maps can be freed once pairs are scored. */
export interface FragmentSource {
  id: string;
  files: readonly SourceFile[];
  units: Unit[];
  /** Every non-template loose k-gram, in order. */
  kgrams: Kgram[];
}

export interface Profile {
  id: string;
  strict: Family;
  loose: Family;
  fragments: FragmentSource;
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

/** The submission's k-grams minus the template's, one occurrence cancelling one occurrence. */
function ownKgrams(
  units: readonly Unit[],
  settings: FamilySettings,
  template: ReadonlyMap<number, number>,
): Kgram[] {
  const left = new Map(template);
  return kgramsOf(units, settings.k, settings.spelling).filter(({ hash }) => {
    const remaining = left.get(hash) ?? 0;
    if (remaining === 0) return true;
    left.set(hash, remaining - 1);
    return false;
  });
}

function family(kgrams: readonly Kgram[], w: number): Family {
  const picked = winnow(kgrams, w);
  return { own: kgrams.length, fingerprints: count(picked), size: picked.length };
}

export function buildProfile(
  settings: ProfileSettings,
  id: string,
  files: readonly SourceFile[],
  units: Unit[],
  template: TemplateCounts,
): Profile {
  const loose = ownKgrams(units, settings.loose, template.loose);
  return {
    id,
    strict: family(ownKgrams(units, settings.strict, template.strict), settings.strict.w),
    loose: family(loose, settings.loose.w),
    fragments: { id, files, units, kgrams: loose },
  };
}
