import { zodIssuesLine } from '@netlab/kit';
import { z } from 'zod';
import { SimilarityError } from './errors.js';
import type { SimilarityOptions } from './types.js';

/** Defaults tuned on IR-Plag cases 1–4 and checked on 5–7 (see README.md beside this file). */
export const defaults = {
  fragmentsFrom: 0.5,
  kgramLength: 8,
  looseKgramLength: 3,
  looseWeight: 0.79,
  windowLength: 1,
  minKgrams: 10,
  commonCodeShare: 0.5,
  rarityWeight: 0.5,
  reviewRarityWeight: 1.25,
  threshold: 0.8,
} as const;

const sourceFile = z.object({ path: z.string(), content: z.string() });

const schema = z.object({
  language: z.enum(['python', 'java']),
  template: z.array(sourceFile).default([]),
  fragmentsFrom: z.number().min(0).default(defaults.fragmentsFrom),
  kgramLength: z.number().int().min(1).max(100).default(defaults.kgramLength),
  looseKgramLength: z.number().int().min(1).max(100).default(defaults.looseKgramLength),
  looseWeight: z.number().min(0).max(1).default(defaults.looseWeight),
  windowLength: z.number().int().min(1).max(100).default(defaults.windowLength),
  minKgrams: z.number().int().min(1).default(defaults.minKgrams),
  commonCodeShare: z.number().gt(0).max(1).default(defaults.commonCodeShare),
  rarityWeight: z.number().min(0).max(4).default(defaults.rarityWeight),
  reviewRarityWeight: z.number().min(0).max(4).default(defaults.reviewRarityWeight),
  threshold: z.number().min(0).max(1).default(defaults.threshold),
  tokenizeIn: z.enum(['auto', 'child']).default('auto'),
  against: z.array(z.object({ id: z.string(), files: z.array(sourceFile) })).default([]),
  priorCacheDir: z.string().optional(),
});

export type ResolvedOptions = z.infer<typeof schema>;

/** Validates once at the door and reports every problem together. */
export function resolveOptions(options: SimilarityOptions): ResolvedOptions {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  throw new SimilarityError(
    'SIMILARITY_OPTIONS_INVALID',
    `invalid similarity options — ${zodIssuesLine(parsed.error.issues)}`,
  );
}
