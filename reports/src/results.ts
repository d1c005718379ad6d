/**
 * What a lab run produced — the one object every view (terminal table, CSV, charts, PDF) is drawn from.
 * `results.json` is exactly this, so `lab report results.json` can redraw the PDF later.
 */
import { LoadResult } from '@netlab/loadtest';
import { z } from 'zod';
import { Preflight } from './preflight-schema.js';

export const Week = z.union([z.literal(2), z.literal(3), z.literal(5), z.literal(6)]);
export type Week = z.infer<typeof Week>;

/**
 * The week-6 scenarios: `ramp` and `fixed` are closed loops (each user waits for its answer before the next
 * request); `open` offers requests at a fixed rate whatever the answers, the same load for every model.
 */
export const ScenarioName = z.enum(['ramp', 'fixed', 'open']);
export type ScenarioName = z.infer<typeof ScenarioName>;

/** A server under test: a reference model, the student's `--server`, or a `--target` URL. */
export const Subject = z.object({
  name: z.string(),
  origin: z.enum(['reference', 'student', 'target']),
  /** Where it was reached, e.g. http://127.0.0.1:40123 */
  url: z.string().nullable(),
  /** The `--server` command, so the report can quote the student's own source. */
  command: z.string().nullable().default(null),
});
export type Subject = z.infer<typeof Subject>;

export const StressRun = z.object({
  subject: Subject,
  scenario: ScenarioName,
  /** Why this run has no (or only partial) measurements: server never started, crashed, refused… */
  error: z.string().nullable(),
  result: LoadResult.nullable(),
});
export type StressRun = z.infer<typeof StressRun>;

export const StressProfile = z.object({
  quick: z.boolean(),
  ramp: z.object({
    maxUsers: z.number().int().positive(),
    spawnRate: z.number().positive(),
    timeoutSec: z.number(),
  }),
  fixed: z.object({
    users: z.number().int().positive(),
    requests: z.number().int().positive(),
    maxSec: z.number().positive(),
    timeoutSec: z.number(),
  }),
  /** Absent in results written before the open-model scenario existed. */
  open: z
    .object({
      /** Offered requests per second. */
      rate: z.number().positive(),
      /** The connection pool. */
      connections: z.number().int().positive(),
      durationSec: z.number().positive(),
      timeoutSec: z.number(),
    })
    .optional(),
  keepAlive: z.boolean(),
});
export type StressProfile = z.infer<typeof StressProfile>;

export const CheckRow = z.object({
  subject: Subject,
  check: z.string(),
  request: z.string(),
  expected: z.string(),
  actual: z.string(),
  pass: z.boolean(),
});
export type CheckRow = z.infer<typeof CheckRow>;

export const EchoResult = z.object({
  subject: Subject,
  messages: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  messagesPerSec: z.number().nonnegative(),
  latencyMs: z.object({
    avg: z.number(),
    min: z.number(),
    p50: z.number(),
    p99: z.number(),
    max: z.number(),
  }),
  /** Histogram buckets: upper bound (ms) → count. */
  histogram: z.array(z.object({ leMs: z.number(), count: z.number().int().nonnegative() })),
  error: z.string().nullable(),
});
export type EchoResult = z.infer<typeof EchoResult>;

export const AttendanceStep = z.object({
  step: z.string(),
  expected: z.string(),
  actual: z.string(),
  pass: z.boolean(),
});
export type AttendanceStep = z.infer<typeof AttendanceStep>;

export const LabResults = z.object({
  week: Week,
  generatedAt: z.string(),
  student: z.object({ id: z.string(), name: z.string() }).nullable(),
  environment: z.object({
    node: z.string(),
    os: z.string(),
    cpus: z.number().int().positive(),
    cpuModel: z.string(),
    path: z.enum(['loopback', 'netns', 'remote']),
    /** What --netns set up and what it could not (e.g. no netem in this kernel). */
    network: z.array(z.string()),
    preflight: Preflight.nullable(),
  }),
  profile: StressProfile.nullable(),
  stress: z.array(StressRun),
  checks: z.array(CheckRow),
  echo: z.array(EchoResult),
  attendance: z.array(AttendanceStep),
  notes: z.array(z.string()),
});
export type LabResults = z.infer<typeof LabResults>;
