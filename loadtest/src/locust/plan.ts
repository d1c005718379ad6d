import { LoadtestError } from '../errors.js';
import { type LoadOptionsInput, resolveOptions, tasksOf } from '../options.js';
import type { Task } from '../scenario.js';

/** What a Locust run carries over from the runner's flags: everything Locust 2.12 can express. */
export interface LocustPlan {
  /** null when no --host was given (an exported locustfile then takes Locust's --host). */
  host: string | null;
  tasks: Task[];
  wait: [number, number];
  timeoutSec: number;
  keepAlive: boolean;
  follow: boolean;
  users: number;
  spawnRate: number;
  runTimeSec: number | null;
}

/** The run's settings with the host left optional (an exported locustfile may do without). */
export type PlanInput = Omit<LoadOptionsInput, 'host'> & { host?: string };

/** The runner's settings Locust 2.12 has no way to say, each with what to do instead. */
function inexpressible(input: PlanInput): string[] {
  const refused: string[] = [];
  if (input.arrivalRate !== undefined || input.rampTo !== undefined)
    refused.push('--arrival-rate/--ramp-to (its users are closed-loop; it has no open model)');
  if (input.requests !== undefined) refused.push('-n/--requests (it stops by time: use -t)');
  if (input.stopOnFailure) refused.push('--stop-on-failure (it has no stop at the first failure)');
  if (input.workers !== undefined) refused.push('--workers (threads of this runner: use --local-workers N)');
  if (input.engine !== undefined) refused.push('--engine (Locust sends with its own HttpUser client)');
  return refused;
}

/** Validates the flags as a native run would, then refuses in one line what Locust cannot express. */
export function locustPlan(input: PlanInput): LocustPlan {
  const refused = inexpressible(input);
  if (refused.length > 0) {
    throw new LoadtestError(
      'LOADTEST_LOCUST_INEXPRESSIBLE',
      `Locust 2.12 cannot express ${refused.join('; ')}; drop them, or run without Locust`,
    );
  }
  // The locustfile may leave the host to Locust's --host; any valid URL stands in to check the rest.
  const options = resolveOptions({ ...input, host: input.host ?? 'http://127.0.0.1' });
  return {
    host: input.host === undefined ? null : options.host,
    tasks: tasksOf(options),
    wait: options.wait,
    timeoutSec: options.timeoutSec,
    keepAlive: options.keepAlive,
    follow: options.follow,
    users: options.users,
    spawnRate: options.spawnRate,
    runTimeSec: options.runTimeSec ?? null,
  };
}

/** Locust's own flags for the users, spawn rate, run time and host of a plan. */
export function locustRunFlags(plan: LocustPlan): string[] {
  const flags = ['-u', String(plan.users), '-r', String(plan.spawnRate)];
  if (plan.runTimeSec !== null) flags.push('-t', `${Math.max(1, Math.round(plan.runTimeSec))}s`);
  if (plan.host !== null) flags.push('--host', plan.host);
  return flags;
}
