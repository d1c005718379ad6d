import { type FailureKind, parseDuration, runLoad } from '@netlab/loadtest';

/** What the load probe measured, reduced to what thresholds, feedback and checks.csv need. */
export interface LoadMeasure {
  users: number;
  durationSec: number;
  requests: number;
  failures: number;
  failuresByKind: Partial<Record<FailureKind, number>>;
  /** Successful responses per second of the run's own time (the runner's `rps`). */
  okRps: number;
  /** Response times of the successes, ms. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** The runner's own note when it, not the server, set the pace; null otherwise. */
  generatorNote: string | null;
}

export interface LoadPlan {
  users: number;
  spawnRate: number;
  duration: string;
  newConnectionPerRequest: boolean;
  path: string;
}

/** Each request waits at most this long: far past any threshold, and a run cannot stall on a silent server. */
const REQUEST_TIMEOUT_SEC = 5;

/** A short closed-loop run of @netlab/loadtest (Locust's users, no think time) against 127.0.0.1:port. */
export async function probeLoad(port: number, plan: LoadPlan): Promise<LoadMeasure> {
  const result = await runLoad({
    host: `http://127.0.0.1:${port}`,
    users: plan.users,
    spawnRate: plan.spawnRate,
    runTimeSec: parseDuration(plan.duration, 'load.duration'),
    keepAlive: !plan.newConnectionPerRequest,
    path: plan.path,
    timeoutSec: REQUEST_TIMEOUT_SEC,
  });
  const kinds = Object.entries(result.failuresByKind).filter(([, n]) => n > 0);
  return {
    users: result.users,
    durationSec: result.durationSec,
    requests: result.requests,
    failures: result.failures,
    failuresByKind: Object.fromEntries(kinds),
    okRps: result.rps,
    p50Ms: result.responseTime.p50,
    p95Ms: result.responseTime.p95,
    p99Ms: result.responseTime.p99,
    generatorNote: result.generatorNote,
  };
}
