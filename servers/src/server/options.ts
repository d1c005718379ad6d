import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MODELS } from '../models/types.js';

/** The bundled site: index.html, a stylesheet, a script, a JPEG, a PNG and notfound.html. */
export const DEFAULT_ROOT = fileURLToPath(new URL('../../www', import.meta.url));

/**
 * Per-connection models cap live children/threads so a burst of clients cannot exhaust memory. Starting
 * one is CPU work (tens of ms): more at once than a few per core only makes every one of them late.
 */
const STARTS_PER_CORE = 4;

export const httpServerOptionsSchema = z.object({
  model: z.enum(MODELS),
  root: z
    .string()
    .default(DEFAULT_ROOT)
    .refine((dir) => existsSync(dir) && statSync(dir).isDirectory(), {
      message: 'must be an existing directory (pass one with --root)',
    }),
  keepAlive: z.boolean().default(false),
  /** Pool size (prefork, threadpool) or cap on live children/threads (multiprocess, multithread). */
  workers: z.number().int().min(1).max(256).optional(),
  idleTimeoutMs: z.number().int().min(10).max(3_600_000).default(10_000),
  /** nginx's defaults are 60 s; half that still lets a slow phone finish a head or a page. */
  headerTimeoutMs: z.number().int().min(10).max(3_600_000).default(30_000),
  sendTimeoutMs: z.number().int().min(10).max(3_600_000).default(30_000),
  shutdownGraceMs: z.number().int().min(0).max(3_600_000).default(10_000),
  /** Bodies are never read; a bigger one is refused with 413 before it is sent (nginx: 1 MiB). */
  maxBodyBytes: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .default(1024 * 1024),
  log: z.custom<(line: string) => void>((value) => typeof value === 'function').optional(),
});

export type HttpServerOptions = z.input<typeof httpServerOptionsSchema>;
export type ResolvedHttpServerOptions = z.output<typeof httpServerOptionsSchema>;

export function defaultWorkers(model: ResolvedHttpServerOptions['model']): number {
  const cores = availableParallelism();
  return model === 'multiprocess' || model === 'multithread' ? STARTS_PER_CORE * cores : cores;
}
