import { SimilarityError } from './errors.js';
import { fragmentsBetween } from './fragments.js';
import { resolveOptions } from './options.js';
import { buildProfile, type Profile, type ProfileSettings, templateCounts } from './profile.js';
import { sharedCounts } from './shared-counts.js';
import { tokenizeAll } from './tokenize-pool.js';
import type { Fragment, PairScore, SimilarityOptions, Submission } from './types.js';

function tooSmallNote(profiles: readonly Profile[], minKgrams: number): string | undefined {
  const small = profiles.filter((p) => p.strict.kgrams.length < minKgrams);
  if (small.length === 0) return undefined;
  const sizes = small.map((p) => `${p.id} has ${p.strict.kgrams.length}`).join(', ');
  return `too little non-template code to judge: ${sizes} k-grams of its own (need ${minKgrams})`;
}

/**
 * Fragments are computed when first read, then kept: a class of 1,000 has ~165k pairs above the band
 * floor but a TA opens a few dozen, and computing all of them up front was most of the run time.
 */
function lazyFragments(pair: PairScore, compute: () => Fragment[]): void {
  let cached: Fragment[] | undefined;
  Object.defineProperty(pair, 'fragments', {
    enumerable: true,
    configurable: true,
    get: () => {
      cached ??= compute();
      return cached;
    },
  });
}

/** Dice coefficient over multisets: 2·|A∩B| / (|A|+|B|). */
function dice(shared: number, sizeA: number, sizeB: number): number {
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
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
 * multisets of fingerprints of two families — max(strict, looseWeight × loose), so only strict
 * evidence (long runs with the same literals) can reach the auto-zero cut. Pairs are listed once
 * (a < b by NFC id), highest first; pairs with too little code of their own get `null` and a note.
 */
export async function compareSubmissions(subs: Submission[], opts: SimilarityOptions): Promise<PairScore[]> {
  const options = resolveOptions(opts);
  const settings: ProfileSettings = {
    strict: { k: options.kgramLength, w: options.windowLength, spelling: 'exact' },
    loose: { k: options.looseKgramLength, w: options.windowLength, spelling: 'tokens' },
  };
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
  const [templateUnits = [], ...units] = await tokenizeAll(options.language, [
    options.template,
    ...ordered.map((sub) => sub.files),
  ]);
  const template = templateCounts(settings, templateUnits);
  const profiles = ordered.map((sub, i) =>
    buildProfile(settings, sub.id, sub.files, units[i] ?? [], template),
  );
  const strictShared = sharedCounts(profiles.map((p) => p.strict.fingerprints));
  const looseShared = sharedCounts(profiles.map((p) => p.loose.fingerprints));
  const minRun = Math.max(1, options.kgramLength - options.looseKgramLength + 1);
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
      const strict = dice(strictShared[index] ?? 0, a.strict.size, b.strict.size);
      const loose = dice(looseShared[index] ?? 0, a.loose.size, b.loose.size);
      const similarity = Math.max(strict, options.looseWeight * loose);
      const pair: PairScore = { a: a.id, b: b.id, similarity, fragments: [] };
      if (similarity >= options.fragmentsFrom) {
        lazyFragments(pair, () => fragmentsBetween(a, b, options.looseKgramLength, minRun));
      }
      pairs.push(pair);
    }
  }
  return pairs.sort(byScoreThenIds);
}
