import type { StressProfile } from '../results.js';

/**
 * The stress profiles. Closed-loop users (no think time) and open-model arrivals, a new connection per request
 * as the course's servers close after each reply. A request still open when a run stops is waited for up to the
 * timeout and counted as a timeout, so each run's length plus its timeout bounds its wall time; the quick
 * timeout (2 s) is shorter than its ramp (3 s), so a server that never answers is seen failing within the run.
 * Sized so `--quick` runs six models in about a minute on 2 cores and the full profile in about six.
 *
 * The open rate is one every reference model sustains on 2 cores: multiprocess starts a Node runtime per
 * connection; measured on this 2-core machine it answered 10 and 15 req/s with a p99 of ~100–160 ms when the
 * machine was otherwise quiet, but queued at 20 req/s (p50 ~2.8 s). 10 req/s leaves room for a busier machine.
 * A higher rate would only measure that queue, not compare the models at one load.
 */
export const OPEN_RATE = 10;

export function stressProfile(quick: boolean): StressProfile {
  return quick
    ? {
        quick,
        ramp: { maxUsers: 60, spawnRate: 30, timeoutSec: 2 },
        fixed: { users: 20, requests: 1000, maxSec: 2, timeoutSec: 2 },
        open: { rate: OPEN_RATE, connections: 50, durationSec: 2, timeoutSec: 2 },
        keepAlive: false,
      }
    : {
        quick,
        ramp: { maxUsers: 1000, spawnRate: 100, timeoutSec: 5 },
        fixed: { users: 100, requests: 20_000, maxSec: 15, timeoutSec: 5 },
        open: { rate: OPEN_RATE, connections: 100, durationSec: 10, timeoutSec: 5 },
        keepAlive: false,
      };
}

/** After the last user has spawned the ramp holds this long, so the top of the ramp is measured too. */
export const RAMP_HOLD_SEC = 1;

export function rampSeconds(p: StressProfile): number {
  return p.ramp.maxUsers / p.ramp.spawnRate + RAMP_HOLD_SEC;
}

/** A guess of one subject's wall time, for the "remaining" estimate: startup + the scenarios. */
export function subjectSeconds(p: StressProfile): number {
  return 1.5 + rampSeconds(p) + p.fixed.maxSec + (p.open?.durationSec ?? 0);
}
