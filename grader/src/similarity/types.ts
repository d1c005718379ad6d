export interface SourceFile {
  path: string;
  content: string;
}

export interface Submission {
  id: string;
  files: SourceFile[];
}

export type SimilarityLanguage = 'python' | 'java';

export interface SimilarityOptions {
  language: SimilarityLanguage;
  /** Instructor code, excluded per occurrence from matches and from the denominator. */
  template?: SourceFile[];
  /** Only pairs scoring at or above this carry fragments (default 0.5). */
  fragmentsFrom?: number;
  /** Tokens per k-gram of the strict family (exact literals); default tuned on IR-Plag, see README.md. */
  kgramLength?: number;
  /** Tokens per k-gram of the loose family (literals as classes). */
  looseKgramLength?: number;
  /** Loose evidence counts at most this much: below 0.8 by default, so it alone never auto-zeroes. */
  looseWeight?: number;
  /** Winnowing window in k-grams; 1 keeps every k-gram. */
  windowLength?: number;
  /**
   * Where tokenising runs: `auto` (this process when tree-sitter works here, else child processes)
   * or `child` (always child processes, e.g. to keep a native parser crash away from the caller).
   */
  tokenizeIn?: 'auto' | 'child';
  /**
   * Earlier classes' submissions: each student is compared with each of these (never these with each
   * other). Ids must differ from the class's, e.g. `2018:2018000001`.
   */
  against?: Submission[];
  /** Where the tokenised prior corpus is kept between runs, keyed by its content; none: tokenised every run. */
  priorCacheDir?: string;
  /**
   * Code (k-grams) found in more than this share of the class is treated as template (default 0.5):
   * what the handout or lecture dictated. 1 turns the rule off; classes under 10 never apply it.
   */
  commonCodeShare?: number;
  /**
   * Code shared by d > 2 students of the class counts (d − 1)^−rarityWeight (default 0.5): a detail
   * two students share weighs more than an idea many had. 0 turns it off.
   */
  rarityWeight?: number;
  /**
   * Pairs under `threshold` get the smaller of their evidence and a review score: the mean of both
   * families with this weighting (default 1.25), so only code two students share in both detail and
   * structure, and few classmates share, keeps a pair in the review band. 0 turns the review score off.
   */
  reviewRarityWeight?: number;
  /** The copy cut (default 0.8): at or above it the copy evidence stands as it is. */
  threshold?: number;
  /** Fewer non-template k-grams than this on either side gives `similarity: null` with a note. */
  minKgrams?: number;
}

export interface Span {
  file: string;
  startLine: number;
  endLine: number;
}

export interface Fragment {
  a: Span;
  b: Span;
}

export interface PairScore {
  a: string;
  b: string;
  similarity: number | null;
  note?: string;
  fragments: Fragment[];
}
