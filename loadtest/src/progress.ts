import { percentileMs } from './histogram.js';
import type { Recorder } from './recorder.js';
import type { LoadResult } from './result.js';

/** What the live view shows each second. */
export interface Progress {
  elapsedSec: number;
  /** Planned run time, or null when the run stops by request count or Ctrl-C. */
  totalSec: number | null;
  users: number;
  requests: number;
  failures: number;
  /** Requests completed in the last whole second. */
  rps: number;
  /** p95 of the last whole second, ms. */
  p95: number;
  /**
   * The run so far as a result — per endpoint, failures, timeline — built by the same code as the
   * final one, with stoppedBy 'running'; only when the hooks ask for it (`live`).
   */
  result?: LoadResult;
}

/** The progress of one recorder at `nowMs`, from its last whole second. */
export function progressOf(recorder: Recorder, now: number, totalSec: number | null): Progress {
  const elapsedSec = Math.max(0, (now - recorder.startMs) / 1000);
  const last = recorder.seconds[Math.floor(elapsedSec) - 1];
  return {
    elapsedSec,
    totalSec,
    users: recorder.users,
    requests: recorder.requests,
    failures: recorder.failures,
    rps: last?.requests ?? 0,
    p95: last ? percentileMs(last.hist, 95) : 0,
  };
}
