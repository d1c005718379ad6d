import { SimilarityError } from './errors.js';
import { fragmentsBetween } from './fragments.js';
import { languageRules } from './language-rules.js';
import { resolveOptions } from './options.js';
import { parserFor } from './parser.js';
import { buildProfile, type Profile, type ProfileSettings, templateCounts } from './profile.js';
import { sharedCounts } from './shared-counts.js';
import type { PairScore, SimilarityOptions, Submission } from './types.js';

function tooSmallNote(profiles: readonly Profile[], minKgrams: number): string | undefined {
  const small = profiles.filter((p) => p.kgrams.length < minKgrams);
  if (small.length === 0) return undefined;
  const sizes = small.map((p) => `${p.id} has ${p.kgrams.length}`).join(', ');
  return `too little non-template code to judge: ${sizes} k-grams of its own (need ${minKgrams})`;
}

function byScoreThenIds(x: PairScore, y: PairScore): number {
  const sx = x.similarity ?? -1;
  const sy = y.similarity ?? -1;
  if (sx !== sy) return sy - sx;
  if (x.a !== y.a) return x.a < y.a ? -1 : 1;
  return x.b < y.b ? -1 : x.b > y.b ? 1 : 0;
}

/**
 * Scores every pair of submissions: template k-grams removed per occurrence, then Dice over the
 * multisets of winnowed fingerprints, 2·|A∩B| / (|A|+|B|). Pairs are listed once (a < b by NFC id),
 * highest first; pairs with too little code of their own get `null` and a note.
 */
export async function compareSubmissions(subs: Submission[], opts: SimilarityOptions): Promise<PairScore[]> {
  const options = resolveOptions(opts);
  const settings: ProfileSettings = {
    parser: await parserFor(options.language),
    rules: languageRules[options.language],
    k: options.kgramLength,
    w: options.windowLength,
  };
  const template = templateCounts(settings, options.template);
  const ordered = subs
    .map((sub) => ({ ...sub, id: sub.id.normalize('NFC') }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  ordered.forEach((sub, i) => {
    if (i > 0 && ordered[i - 1]?.id === sub.id) {
      throw new SimilarityError(
        'SIMILARITY_DUPLICATE_ID',
        `two submissions share the id "${sub.id}"; keep one per student`,
      );
    }
  });
  const profiles = ordered.map((sub) => buildProfile(settings, sub.id, sub.files, template));
  const shared = sharedCounts(profiles.map((p) => p.fingerprints));
  const pairs: PairScore[] = [];
  let index = 0;
  for (let i = 0; i < profiles.length; i++) {
    const a = profiles[i] as Profile;
    for (let j = i + 1; j < profiles.length; j++, index++) {
      const b = profiles[j] as Profile;
      const note = tooSmallNote([a, b], options.minKgrams);
      if (note !== undefined) {
        pairs.push({ a: a.id, b: b.id, similarity: null, note, fragments: [] });
        continue;
      }
      const similarity = (2 * (shared[index] ?? 0)) / (a.size + b.size);
      const fragments = similarity >= options.fragmentsFrom ? fragmentsBetween(a, b, settings.k) : [];
      pairs.push({ a: a.id, b: b.id, similarity, fragments });
    }
  }
  return pairs.sort(byScoreThenIds);
}
