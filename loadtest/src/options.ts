import { zodIssuesLine } from '@netlab/kit';
import { z } from 'zod';
import { LoadtestError } from './errors.js';
import { Task } from './scenario.js';

const HttpUrl = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be an http:// URL such as http://127.0.0.1:8080');

/**
 * What a load run does. Field names are a contract the lab (`reports`) uses.
 * keepAlive defaults to true because Locust's HttpUser keeps a session's connection open too;
 * servers that close after each response are still measured right (the client reconnects).
 */
export const LoadOptions = z
  .object({
    host: HttpUrl,
    users: z.number().int().positive().default(1),
    spawnRate: z.number().positive().default(1),
    runTimeSec: z.number().positive().optional(),
    requests: z.number().int().positive().optional(),
    wait: z
      .tuple([z.number().nonnegative(), z.number().nonnegative()])
      .default([0, 0])
      .refine(([a, b]) => a <= b, 'wait is [min, max] with min <= max'),
    path: z.string().startsWith('/', 'path must start with /').default('/'),
    tasks: z.array(Task).min(1).optional(),
    timeoutSec: z.number().positive().default(10),
    stopOnFailure: z.boolean().default(false),
    workers: z.number().int().positive().max(64).default(1),
    keepAlive: z.boolean().default(true),
    engine: z.enum(['auto', 'autocannon', 'lenient']).default('auto'),
    /** Follow redirects on the target, counted as one request (Locust's HttpUser does). */
    follow: z.boolean().default(true),
    /** Open model: requests per second offered whatever the responses; `users` is the connection pool. */
    arrivalRate: z.number().positive().optional(),
    /** Open model: the rate grows linearly from arrivalRate to this over the run time. */
    rampTo: z.number().positive().optional(),
  })
  .refine((o) => o.rampTo === undefined || (o.arrivalRate !== undefined && o.runTimeSec !== undefined), {
    message: 'ramp-to needs arrival-rate and run-time',
    path: ['rampTo'],
  })
  .refine((o) => o.arrivalRate === undefined || (o.runTimeSec ?? o.requests) !== undefined, {
    message: 'arrival-rate needs run-time or requests, e.g. -t 30s',
    path: ['arrivalRate'],
  })
  .refine((o) => o.arrivalRate === undefined || o.engine !== 'autocannon', {
    message: 'engine autocannon has no open model; use engine lenient or auto with arrival-rate',
    path: ['engine'],
  })
  .refine(
    (o) => o.engine !== 'autocannon' || (o.keepAlive && o.wait[1] === 0 && (o.tasks?.length ?? 1) === 1),
    {
      message: 'engine autocannon needs keep-alive, no wait time and one task; use engine lenient or auto',
      path: ['engine'],
    },
  )
  .refine((o) => o.arrivalRate === undefined || o.wait[1] === 0, {
    message: 'wait is for closed-loop users; arrival-rate sets when requests start',
    path: ['wait'],
  })
  .refine((o) => o.requests === undefined || o.requests >= o.workers, {
    message: 'requests must be at least the number of workers',
    path: ['requests'],
  });
export type LoadOptions = z.infer<typeof LoadOptions>;
export type LoadOptionsInput = z.input<typeof LoadOptions>;

/** Validates options once at the door, every problem on one line. */
export function resolveOptions(input: LoadOptionsInput): Readonly<LoadOptions> {
  const parsed = LoadOptions.safeParse(input);
  if (!parsed.success) {
    throw new LoadtestError(
      'LOADTEST_OPTIONS_INVALID',
      `invalid options: ${zodIssuesLine(parsed.error.issues)}`,
    );
  }
  return Object.freeze(parsed.data);
}

/** The tasks a user draws from: the scenario's, or one GET of `path`. */
export function tasksOf(options: LoadOptions): Task[] {
  return options.tasks ?? [Task.parse({ path: options.path })];
}
