import { percentileMs, summarizeHistogram } from './histogram.js';
import type { Recorder } from './recorder.js';
import { FailureKind, type LoadResult, type TimelinePoint } from './result.js';

export interface RunMeta {
  target: string;
  startedAt: string;
  durationSec: number;
  users: number;
  spawnRate: number;
  engine: string;
  stoppedBy: LoadResult['stoppedBy'];
  generatorNote: string | null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const perSec = (count: number, sec: number): number => (sec > 0 ? round2(count / sec) : 0);

/**
 * One point per second. A last partial second shorter than half a second is folded into the one
 * before, so a 50 ms tail does not show as a spike or a dip.
 */
export function buildTimeline(recorder: Recorder, durationSec: number): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  let users = 0;
  const seconds = recorder.seconds;
  const whole = Math.max(seconds.length, Math.ceil(durationSec));
  for (let i = 0; i < whole; i++) {
    const sec = seconds[i];
    if (sec && sec.users >= 0) users = sec.users;
    const length = Math.min(1, durationSec - i);
    const last = points[points.length - 1];
    if (sec && i > 0 && length < 0.5 && last && i === whole - 1) {
      const prev = seconds[i - 1]!;
      prev.hist.add(sec.hist);
      const requests = prev.requests + sec.requests;
      last.rps = perSec(requests, 1 + Math.max(length, 0));
      last.failures = prev.failures + sec.failures;
      last.users = users;
      last.p50 = percentileMs(prev.hist, 50);
      last.p95 = percentileMs(prev.hist, 95);
      break;
    }
    points.push({
      second: i,
      users,
      rps: sec ? perSec(sec.requests, Math.max(length, 0.5)) : 0,
      failures: sec?.failures ?? 0,
      p50: sec ? percentileMs(sec.hist, 50) : 0,
      p95: sec ? percentileMs(sec.hist, 95) : 0,
    });
  }
  return points;
}

/** The `LoadResult` of a recorder: pure arithmetic over what was counted. */
export function buildResult(recorder: Recorder, meta: RunMeta): LoadResult {
  const failuresByKind = Object.fromEntries(FailureKind.options.map((k) => [k, 0])) as Record<
    FailureKind,
    number
  >;
  for (const row of recorder.failureRows.values()) failuresByKind[row.kind] += row.occurrences;
  const successes = recorder.requests - recorder.failures;
  const first = recorder.firstFailure;
  return {
    target: meta.target,
    startedAt: meta.startedAt,
    durationSec: round2(meta.durationSec),
    users: meta.users,
    spawnRate: meta.spawnRate,
    requests: recorder.requests,
    failures: recorder.failures,
    failuresByKind,
    rps: perSec(recorder.requests, meta.durationSec),
    responseTime: summarizeHistogram(recorder.all),
    avgSize: successes > 0 ? round2(recorder.bytes / successes) : 0,
    firstFailure: first
      ? {
          second: round2(Math.max(0, (first.atMs - recorder.startMs) / 1000)),
          users: first.users,
          requests: first.requests,
          error: first.error,
        }
      : null,
    timeline: buildTimeline(recorder, meta.durationSec),
    endpoints: [...recorder.endpoints.values()].map((e) => {
      const ok = e.requests - e.failures;
      return {
        method: e.method,
        name: e.name,
        requests: e.requests,
        failures: e.failures,
        responseTime: summarizeHistogram(e.hist),
        avgSize: ok > 0 ? round2(e.bytes / ok) : 0,
        rps: perSec(e.requests, meta.durationSec),
        failuresPerSec: perSec(e.failures, meta.durationSec),
      };
    }),
    failureRows: [...recorder.failureRows.values()],
    generatorBound: meta.generatorNote !== null,
    generatorNote: meta.generatorNote,
    engine: meta.engine,
    stoppedBy: meta.stoppedBy,
  };
}
