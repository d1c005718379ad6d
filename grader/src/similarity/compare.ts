import { weighByClass } from './common-code.js';
import { SimilarityError } from './errors.js';
import { fragmentsBetween } from './fragments.js';
import { type PriorIndexInfo, priorTokens } from './prior-index.js';
import { resolveOptions } from './options.js';
import {
  buildProfile,
  type FragmentSource,
  type Profile,
  type ProfileSettings,
  templateCounts,
} from './profile.js';
import { sharedCounts } from './shared-counts.js';
import type { Tokenized } from './tokenize.js';
import { tokenizeAll } from './tokenize-pool.js';
import type { Fragment, PairScore, SimilarityOptions, Submission } from './types.js';

function unreadableNote(
  profiles: readonly Profile[],
  unreadable: ReadonlyMap<string, string>,
): string | undefined {
  const bad = profiles.filter((p) => unreadable.has(p.id));
  if (bad.length === 0) return undefined;
  return `could not tokenise ${bad.map((p) => `${p.id} (${unreadable.get(p.id)})`).join(', ')}`;
}

function tooSmallNote(profiles: readonly Profile[], minKgrams: number): string | undefined {
  const small = profiles.filter((p) => p.strict.own < minKgrams);
  if (small.length === 0) return undefined;
  const sizes = small.map((p) => `${p.id} has ${p.strict.own}`).join(', ');
  return `too little non-template code to judge: ${sizes} k-grams of its own (need ${minKgrams})`;
}

/**
 * A pair whose fragments are computed when first read, then kept: a class of 1,000 has ~165k pairs
 * above the band floor but a TA opens a few dozen, and computing all of them up front was most of
 * the run time. A class (not a closure per pair) keeps each pair small; `toJSON` includes them.
 */
class PairWithFragments implements PairScore {
  #fragments: Fragment[] | undefined;

  constructor(
    readonly a: string,
    readonly b: string,
    readonly similarity: number,
    private readonly sources: readonly [FragmentSource, FragmentSource, number, number],
  ) {}

  get fragments(): Fragment[] {
    const [fa, fb, k, minRun] = this.sources;
    this.#fragments ??= fragmentsBetween(fa, fb, k, minRun);
    return this.#fragments;
  }

  toJSON(): PairScore {
    return { a: this.a, b: this.b, similarity: this.similarity, fragments: this.fragments };
  }
}

/** Dice coefficient over weighted multisets: 2·|A∩B| / (|A|+|B|), at most 1 despite rounding of weights. */
function dice(shared: number, sizeA: number, sizeB: number): number {
  return sizeA + sizeB === 0 ? 0 : Math.min(1, (2 * shared) / (sizeA + sizeB));
}

/**
 * Below the cut: the mean of the two families, so a pair must share both the details (strict, exact
 * literals) and the structure (loose) that few classmates share; one family alone — two students who
 * took the same rare route with the same buffer size, or the same structure in their own words — is
 * what independent solutions of a short task have in common.
 */
function reviewScore([strict = 0, loose = 0]: number[]): number {
  return (strict + loose) / 2;
}

/** The order pairs are listed in: highest score first, unscored last, then by ids. */
export function byScoreThenIds(x: PairScore, y: PairScore): number {
  const sx = x.similarity ?? -1;
  const sy = y.similarity ?? -1;
  if (sx !== sy) return sy - sx;
  if (x.a !== y.a) return x.a < y.a ? -1 : 1;
  return x.b < y.b ? -1 : x.b > y.b ? 1 : 0;
}

function sortedById(subs: readonly Submission[]): Submission[] {
  return subs
    .map((sub) => ({ ...sub, id: sub.id.normalize('NFC') }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function refuseDuplicates(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new SimilarityError(
        'SIMILARITY_DUPLICATE_ID',
        `two submissions share the id "${id}"; keep one per student (prior ones carry their year)`,
      );
    }
    seen.add(id);
  }
}

export interface ClassComparison {
  pairs: PairScore[];
  /** Set when `against` was given. */
  prior?: PriorIndexInfo;
}

/**
 * Scores every pair of the class, and every student against every prior submission (`against`;
 * never prior with prior): template k-grams removed per occurrence, then Dice over the multisets of
 * fingerprints of two families — max(strict, looseWeight × loose), so only strict evidence (long runs
 * with the same literals) can reach the auto-zero cut. Class pairs are listed once (a < b by NFC id),
 * prior pairs with the student as `a`; highest first; pairs with too little code of their own get
 * `null` and a note. The prior corpus is tokenised once per content (`priorCacheDir`).
 */
export async function compareClass(subs: Submission[], opts: SimilarityOptions): Promise<ClassComparison> {
  const options = resolveOptions(opts);
  const settings: ProfileSettings = {
    strict: { k: options.kgramLength, w: options.windowLength, spelling: 'exact' },
    loose: { k: options.looseKgramLength, w: options.windowLength, spelling: 'tokens' },
  };
  const ordered = sortedById(subs);
  const against = sortedById(options.against);
  refuseDuplicates([...ordered, ...against].map((sub) => sub.id));
  const [templateResult = { units: [] }, ...results] = await tokenizeAll(
    options.language,
    [options.template, ...ordered.map((sub) => sub.files)],
    options.tokenizeIn,
  );
  if ('error' in templateResult) {
    throw new SimilarityError(
      'SIMILARITY_TOKENIZER_FAILED',
      `could not tokenise the template (${options.template.map((f) => f.path).join(', ')}): ${templateResult.error}`,
    );
  }
  const prior =
    against.length > 0
      ? await priorTokens(options.language, against, options.priorCacheDir, options.tokenizeIn)
      : undefined;
  const template = templateCounts(settings, templateResult.units);
  const unreadable = new Map<string, string>();
  const profile = (sub: Submission, result: Tokenized | undefined) => {
    const tokens = result ?? { units: [] };
    if ('error' in tokens) unreadable.set(sub.id, tokens.error);
    return buildProfile(settings, sub.id, sub.files, 'units' in tokens ? tokens.units : [], template);
  };
  const raw = [
    ...ordered.map((sub, i) => profile(sub, results[i])),
    ...against.map((sub, i) => profile(sub, prior?.results[i])),
  ];
  const weighed = (rarity: number) => {
    const profiles = weighByClass(raw, ordered.length, options.commonCodeShare, rarity);
    return {
      profiles,
      strict: sharedCounts(profiles.map((p) => p.strict.fingerprints)),
      loose: sharedCounts(profiles.map((p) => p.loose.fingerprints)),
    };
  };
  const evidence = weighed(options.rarityWeight);
  const review = options.reviewRarityWeight > 0 ? weighed(options.reviewRarityWeight) : undefined;
  const profiles = evidence.profiles;
  const minRun = Math.max(1, options.kgramLength - options.looseKgramLength + 1);
  const n = profiles.length;
  const pairs: PairScore[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const a = profiles[i] as Profile;
    const row = (i * (2 * n - i - 1)) / 2 - i - 1;
    for (let j = i + 1; j < n; j++) {
      const b = profiles[j] as Profile;
      const note = unreadableNote([a, b], unreadable) ?? tooSmallNote([a, b], options.minKgrams);
      if (note !== undefined) {
        pairs.push({ a: a.id, b: b.id, similarity: null, note, fragments: [] });
        continue;
      }
      const families = ({ profiles: p, strict, loose }: typeof evidence) => [
        dice(strict[row + j] ?? 0, p[i]?.strict.size ?? 0, p[j]?.strict.size ?? 0),
        options.looseWeight * dice(loose[row + j] ?? 0, p[i]?.loose.size ?? 0, p[j]?.loose.size ?? 0),
      ];
      const copyEvidence = Math.max(...families(evidence));
      const similarity =
        review === undefined || copyEvidence >= options.threshold
          ? copyEvidence
          : Math.min(copyEvidence, reviewScore(families(review)));
      pairs.push(
        similarity >= options.fragmentsFrom
          ? new PairWithFragments(a.id, b.id, similarity, [
              a.fragments,
              b.fragments,
              options.looseKgramLength,
              minRun,
            ])
          : { a: a.id, b: b.id, similarity, fragments: [] },
      );
    }
  }
  return { pairs: pairs.sort(byScoreThenIds), ...(prior ? { prior: prior.info } : {}) };
}

/** Every pair of the class scored (see `compareClass`). */
export async function compareSubmissions(subs: Submission[], opts: SimilarityOptions): Promise<PairScore[]> {
  return (await compareClass(subs, opts)).pairs;
}
