import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '@netlab/kit';
import { tokenizeAll } from './tokenize-pool.js';
import type { Tokenized } from './tokenize.js';
import type { SimilarityLanguage, Submission } from './types.js';

/** Bumped whenever tokenising changes what it emits, so an index from an older grader is never read. */
const INDEX_FORMAT = 1;

/** What became of the prior corpus this run: where its index is and how many submissions were tokenised. */
export interface PriorIndexInfo {
  /** The index file, or undefined when no cache folder was given. */
  file?: string;
  submissions: number;
  /** Submissions tokenised this run: 0 when the index was reused. */
  tokenized: number;
}

interface IndexFile {
  format: number;
  ids: string[];
  results: Tokenized[];
}

/** Content key: language, format, and every id, path and byte of the corpus — any change makes a new index. */
function contentKey(language: SimilarityLanguage, against: readonly Submission[]): string {
  const hash = createHash('sha256').update(`${INDEX_FORMAT}\0${language}\0`);
  for (const sub of against) {
    hash.update(`${sub.id}\0${sub.files.length}\0`);
    for (const file of sub.files) hash.update(`${file.path}\0${file.content.length}\0${file.content}\0`);
  }
  return hash.digest('hex').slice(0, 32);
}

async function readIndex(file: string, ids: readonly string[]): Promise<Tokenized[] | undefined> {
  try {
    const index = JSON.parse(await readFile(file, 'utf8')) as IndexFile;
    const same =
      index.format === INDEX_FORMAT &&
      index.ids.length === ids.length &&
      index.ids.every((id, i) => id === ids[i]);
    return same && index.results.length === ids.length ? index.results : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The prior corpus tokenised, from `<cacheDir>/prior-<language>-<key>.json` when an index of exactly
 * this content is there, else tokenised now and the index written for the next run. Tokens (not
 * fingerprints) are kept, so changing k or the template does not invalidate the index.
 */
export async function priorTokens(
  language: SimilarityLanguage,
  against: readonly Submission[],
  cacheDir: string | undefined,
  tokenizeIn: 'auto' | 'child',
): Promise<{ results: Tokenized[]; info: PriorIndexInfo }> {
  const ids = against.map((sub) => sub.id);
  const file =
    cacheDir === undefined
      ? undefined
      : path.join(cacheDir, `prior-${language}-${contentKey(language, against)}.json`);
  const cached = file === undefined ? undefined : await readIndex(file, ids);
  if (cached !== undefined) return { results: cached, info: { file, submissions: ids.length, tokenized: 0 } };
  const results = await tokenizeAll(
    language,
    against.map((sub) => sub.files),
    tokenizeIn,
  );
  if (file !== undefined) {
    await writeFileAtomic(file, JSON.stringify({ format: INDEX_FORMAT, ids, results } satisfies IndexFile));
  }
  return { results, info: { file, submissions: ids.length, tokenized: ids.length } };
}
