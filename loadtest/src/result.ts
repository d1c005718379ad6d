import { z } from 'zod';

/** Failure kinds, kept apart from successes and from each other: a failure is never counted as throughput. */
export const FailureKind = z.enum(['refused', 'reset', 'timeout', 'status', 'malformed', 'other']);
export type FailureKind = z.infer<typeof FailureKind>;

export const ResponseTimeSummary = z.object({
  avg: z.number(),
  min: z.number(),
  max: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  p999: z.number(),
  /** The rest of Locust's percentile columns (66, 75, 80, 98, 99.99), when known. */
  p66: z.number().optional(),
  p75: z.number().optional(),
  p80: z.number().optional(),
  p98: z.number().optional(),
  p9999: z.number().optional(),
});
export type ResponseTimeSummary = z.infer<typeof ResponseTimeSummary>;

/** One second of the run, as Locust's stats history has it. Times in milliseconds. */
export const TimelinePoint = z.object({
  second: z.number().int().nonnegative(),
  users: z.number().int().nonnegative(),
  rps: z.number().nonnegative(),
  failures: z.number().int().nonnegative(),
  p50: z.number().nonnegative(),
  p95: z.number().nonnegative(),
  /** Totals from the start to the end of this second, as Locust's stats history rows carry them. */
  total: z
    .object({
      requests: z.number().int().nonnegative(),
      failures: z.number().int().nonnegative(),
      avgSize: z.number().nonnegative(),
      responseTime: ResponseTimeSummary,
    })
    .optional(),
});
export type TimelinePoint = z.infer<typeof TimelinePoint>;

export const FirstFailure = z.object({
  second: z.number().nonnegative(),
  users: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  error: z.string(),
});
export type FirstFailure = z.infer<typeof FirstFailure>;

/** Per request name (method + path), the rows of Locust's stats table. */
export const EndpointStats = z.object({
  method: z.string(),
  name: z.string(),
  requests: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  responseTime: ResponseTimeSummary,
  avgSize: z.number().nonnegative(),
  rps: z.number().nonnegative(),
  failuresPerSec: z.number().nonnegative(),
});
export type EndpointStats = z.infer<typeof EndpointStats>;

export const FailureRow = z.object({
  method: z.string(),
  name: z.string(),
  kind: FailureKind,
  error: z.string(),
  occurrences: z.number().int().positive(),
});
export type FailureRow = z.infer<typeof FailureRow>;

/**
 * What a load run measured. The JSON written by `--json` is exactly this object;
 * `reports` and the lab read it back through `LoadResult.parse`.
 */
export const LoadResult = z.object({
  target: z.string(),
  startedAt: z.string(),
  durationSec: z.number().nonnegative(),
  users: z.number().int().nonnegative(),
  spawnRate: z.number().nonnegative(),
  requests: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  failuresByKind: z.record(FailureKind, z.number().int().nonnegative()),
  rps: z.number().nonnegative(),
  responseTime: ResponseTimeSummary,
  avgSize: z.number().nonnegative(),
  firstFailure: FirstFailure.nullable(),
  timeline: z.array(TimelinePoint),
  endpoints: z.array(EndpointStats),
  failureRows: z.array(FailureRow),
  generatorBound: z.boolean(),
  generatorNote: z.string().nullable(),
  engine: z.string(),
  stoppedBy: z.enum(['time', 'requests', 'failure', 'interrupt']),
});
export type LoadResult = z.infer<typeof LoadResult>;
