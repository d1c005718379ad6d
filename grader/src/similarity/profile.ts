import type Parser from 'tree-sitter';
import { type Kgram, kgramsOf, winnow } from './fingerprint.js';
import type { LanguageRules } from './language-rules.js';
import { tokenizeFiles, type Unit } from './tokenize.js';
import type { SourceFile } from './types.js';

/** What one submission contributes to the comparison, template code already removed. */
export interface Profile {
  id: string;
  files: readonly SourceFile[];
  units: Unit[];
  /** Every non-template k-gram, in order (used for fragments). */
  kgrams: Kgram[];
  /** Winnowed non-template fingerprints as a multiset: hash → count. */
  fingerprints: Map<number, number>;
  size: number;
}

export interface ProfileSettings {
  parser: Parser;
  rules: LanguageRules;
  k: number;
  w: number;
}

/** Multiset of all template k-grams: each occurrence cancels one occurrence in a submission. */
export function templateCounts(
  settings: ProfileSettings,
  template: readonly SourceFile[],
): Map<number, number> {
  const counts = new Map<number, number>();
  const units = tokenizeFiles(settings.parser, settings.rules, template);
  for (const { hash } of kgramsOf(units, settings.k)) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  return counts;
}

export function buildProfile(
  settings: ProfileSettings,
  id: string,
  files: readonly SourceFile[],
  template: ReadonlyMap<number, number>,
): Profile {
  const units = tokenizeFiles(settings.parser, settings.rules, files);
  const left = new Map(template);
  const kgrams = kgramsOf(units, settings.k).filter(({ hash }) => {
    const remaining = left.get(hash) ?? 0;
    if (remaining === 0) return true;
    left.set(hash, remaining - 1);
    return false;
  });
  const fingerprints = new Map<number, number>();
  const picked = winnow(kgrams, settings.w);
  for (const { hash } of picked) fingerprints.set(hash, (fingerprints.get(hash) ?? 0) + 1);
  return { id, files, units, kgrams, fingerprints, size: picked.length };
}
