import { z } from 'zod';

/** Failure kinds, kept apart from successes and from each other: a failure is never counted as throughput. */
export const FailureKind = z.enum(['refused', 'reset', 'closed', 'timeout', 'status', 'malformed', 'other']);
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

/**
 * Every request of a row, successes and failures alike, as Locust's stats count them: a failure's
 * time runs from its (scheduled) send to its outcome, its size is the body of the response read
 * (0 when none was). The Locust CSV's stats rows are these; `responseTime`/`avgSize` stay successes'.
 */
export const AllOutcomes = z.object({ responseTime: ResponseTimeSummary, avgSize: z.number().nonnegative() });
export type AllOutcomes = z.infer<typeof AllOutcomes>;

/**
 * One whole second of the run's own time, as Locust's stats history has it (times in ms): outcomes
 * are placed in the second they became known. `rps` counts successful responses only; p50/p95 are
 * of that second's successes, null when there were none.
 */
export const TimelinePoint = z.object({
  second: z.number().int().nonnegative(),
  users: z.number().int().nonnegative(),
  rps: z.number().nonnegative(),
  failures: z.number().int().nonnegative(),
  p50: z.number().nonnegative().nullable(),
  p95: z.number().nonnegative().nullable(),
  /** This second's failures by kind (kinds that occurred only); absent in results imported from Locust. */
  failuresByKind: z.partialRecord(FailureKind, z.number().int().positive()).optional(),
  /** Totals from the start to the end of this second, as Locust's stats history rows carry them. */
  total: z
    .object({
      requests: z.number().int().nonnegative(),
      failures: z.number().int().nonnegative(),
      avgSize: z.number().nonnegative(),
      responseTime: ResponseTimeSummary,
      /** The same totals over every outcome, failures included (Locust's history Total columns). */
      outcomes: AllOutcomes.optional(),
    })
    .optional(),
});
export type TimelinePoint = z.infer<typeof TimelinePoint>;

/** The failing request that was sent first (not the first failure recorded: a timeout is known late). */
export const FirstFailure = z.object({
  /** When its failure became known, s from the start. */
  second: z.number().nonnegative(),
  /** When it was sent (open model: when it was scheduled), s from the start. */
  sentSecond: z.number().nonnegative(),
  /** Users active when it was sent (open model: the connection pool). */
  users: z.number().int().nonnegative(),
  /** Requests counted when its failure became known. */
  requests: z.number().int().nonnegative(),
  kind: FailureKind,
  error: z.string(),
});
export type FirstFailure = z.infer<typeof FirstFailure>;

/** Per request name (method + path), the rows of Locust's stats table; `rps` counts successes only. */
export const EndpointStats = z.object({
  method: z.string(),
  name: z.string(),
  requests: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  responseTime: ResponseTimeSummary,
  avgSize: z.number().nonnegative(),
  rps: z.number().nonnegative(),
  failuresPerSec: z.number().nonnegative(),
  outcomes: AllOutcomes.optional(),
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

/** One `--threshold` judged on the run: its value in the metric's unit (ms, %, req/s). */
export const ThresholdOutcome = z.object({ expr: z.string(), value: z.number(), passed: z.boolean() });
export type ThresholdOutcome = z.infer<typeof ThresholdOutcome>;

/**
 * What a load run measured. The JSON written by `--json` is exactly this object;
 * `reports` and the lab read it back through `LoadResult.parse`. The definitions behind each number
 * are in the README ("What the numbers mean").
 */
const LoadResultFields = z.object({
  target: z.string(),
  startedAt: z.string(),
  /** The run's own time: start to stop (time, budget, first failure or interrupt), without the drain. */
  durationSec: z.number().nonnegative(),
  /** durationSec plus the drain: requests open at the stop waited for, up to the timeout. */
  wallSec: z.number().nonnegative(),
  /** 'closed': users loop request → think; 'open': requests at a scheduled rate, `users` connections. */
  model: z.enum(['closed', 'open']),
  /** Open model: the offered rate in req/s, from `from` to `to` over the run. */
  arrivalRate: z.object({ from: z.number().positive(), to: z.number().positive() }).nullable(),
  users: z.number().int().nonnegative(),
  spawnRate: z.number().nonnegative(),
  /** Requests whose outcome is known: successes + failures. */
  requests: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  failuresByKind: z.record(FailureKind, z.number().int().nonnegative()),
  /** Successful responses per second of durationSec. */
  rps: z.number().nonnegative(),
  /** (successes + failures) per second of durationSec: Locust's "Requests/s". */
  totalRps: z.number().nonnegative(),
  /** Requests moved to a new connection because the kept-alive one was closed by the server (FIN read) before the write. */
  retries: z.number().int().nonnegative(),
  /** Open model: requests that started after their scheduled time because every connection was busy. */
  lateStarts: z.number().int().nonnegative(),
  /** Successes only. Closed model: from the send; open model: from the scheduled time (no coordinated omission). */
  responseTime: ResponseTimeSummary,
  /** Successes only, from the actual send (equal to responseTime in the closed model). */
  serviceTime: ResponseTimeSummary,
  avgSize: z.number().nonnegative(),
  /** Every request, failures included (Locust's meaning); absent in results written before it. */
  outcomes: AllOutcomes.optional(),
  firstFailure: FirstFailure.nullable(),
  timeline: z.array(TimelinePoint),
  endpoints: z.array(EndpointStats),
  failureRows: z.array(FailureRow),
  generatorBound: z.boolean(),
  generatorNote: z.string().nullable(),
  engine: z.string(),
  /** Why the run stopped; 'running' in a live snapshot of a run still going (the web view's download). */
  stoppedBy: z.enum(['time', 'requests', 'failure', 'interrupt', 'running']),
  /** The scenario's tasks with their weights (Locust's task ratio); absent in results imported from Locust. */
  tasks: z
    .array(
      z.object({
        name: z.string(),
        method: z.string(),
        path: z.string(),
        weight: z.number().int().positive(),
      }),
    )
    .optional(),
  /** The `--threshold` marks judged on this result, when any were given. */
  thresholds: z.array(ThresholdOutcome).optional(),
});

/**
 * A result written before the definitions above (results.json files students keep): its `rps`
 * counted failures too and its durations included the drain, so they are read as such rather than
 * rejected — the rate of successes is recomputed, and the fields it lacked take what they meant then.
 */
function upgradeOlder(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || 'wallSec' in input) return input;
  const old = input as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' ? x : 0);
  const duration = num(old.durationSec);
  const first = old.firstFailure as Record<string, unknown> | null | undefined;
  const timeline = Array.isArray(old.timeline) ? (old.timeline as Record<string, unknown>[]) : [];
  return {
    ...old,
    wallSec: duration,
    model: 'closed',
    arrivalRate: null,
    failuresByKind: { closed: 0, ...(old.failuresByKind as object) },
    rps: duration > 0 ? (num(old.requests) - num(old.failures)) / duration : 0,
    totalRps: old.rps,
    retries: 0,
    lateStarts: 0,
    serviceTime: old.responseTime,
    firstFailure: first ? { sentSecond: first.second, kind: 'other', ...first } : null,
    timeline: timeline.map((p) => ({
      ...p,
      rps: Math.max(0, num(p.rps) - num(p.failures)),
      p50: num(p.p50) > 0 ? p.p50 : null,
      p95: num(p.p95) > 0 ? p.p95 : null,
    })),
  };
}

export const LoadResult = z.preprocess(upgradeOlder, LoadResultFields);
export type LoadResult = z.infer<typeof LoadResultFields>;
