import type { StressProfile } from '../results.js';

/**
 * The stress profiles. Closed-loop users (no think time) with a new connection per request, as the course's
 * servers close after each reply. Sized so `--quick` runs six models in well under a minute on 2 cores and the
 * full profile in under five.
 */
export function stressProfile(quick: boolean): StressProfile {
  return quick
    ? {
        quick,
        ramp: { maxUsers: 60, spawnRate: 30, timeoutSec: 5 },
        fixed: { users: 20, requests: 1000, maxSec: 2, timeoutSec: 5 },
        keepAlive: false,
      }
    : {
        quick,
        ramp: { maxUsers: 1000, spawnRate: 100, timeoutSec: 5 },
        fixed: { users: 100, requests: 20_000, maxSec: 15, timeoutSec: 5 },
        keepAlive: false,
      };
}

/** After the last user has spawned the ramp holds this long, so the top of the ramp is measured too. */
export const RAMP_HOLD_SEC = 1;

export function rampSeconds(p: StressProfile): number {
  return p.ramp.maxUsers / p.ramp.spawnRate + RAMP_HOLD_SEC;
}

/** A guess of one subject's wall time, for the "remaining" estimate: startup + both scenarios. */
export function subjectSeconds(p: StressProfile): number {
  return 1.5 + rampSeconds(p) + p.fixed.maxSec;
}
