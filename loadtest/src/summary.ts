import { newHistogram, percentileMs, summarizeHistogram } from './histogram.js';
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
 * One point per second, with running totals (Locust's stats history). A last partial second
 * shorter than half a second is folded into the one before, so a short tail shows no spike.
 */
export function buildTimeline(recorder: Recorder, durationSec: number): TimelinePoint[] {
  const seconds = recorder.seconds;
  const count = Math.max(seconds.length, Math.ceil(durationSec));
  const tail = count - durationSec;
  const fold = count > 1 && tail > 0.5 ? 1 : 0;
  const running = newHistogram();
  const totals = { requests: 0, failures: 0, bytes: 0 };
  const points: TimelinePoint[] = [];
  let users = 0;
  for (let i = 0; i < count - fold; i++) {
    const group = i === count - fold - 1 ? seconds.slice(i, count) : seconds.slice(i, i + 1);
    const hist = newHistogram('coarse');
    let requests = 0;
    let failures = 0;
    for (const sec of group) {
      if (sec.users >= 0) users = sec.users;
      hist.add(sec.hist);
      requests += sec.requests;
      failures += sec.failures;
      totals.bytes += sec.bytes;
    }
    running.add(hist);
    totals.requests += requests;
    totals.failures += failures;
    const length = i === count - fold - 1 ? Math.max(0.5, durationSec - i) : 1;
    const ok = totals.requests - totals.failures;
    points.push({
      second: i,
      users,
      rps: perSec(requests, length),
      failures,
      p50: percentileMs(hist, 50),
      p95: percentileMs(hist, 95),
      total: {
        requests: totals.requests,
        failures: totals.failures,
        avgSize: ok > 0 ? round2(totals.bytes / ok) : 0,
        responseTime: summarizeHistogram(running),
      },
    });
    hist.destroy();
  }
  running.destroy();
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
    responseTime: summarizeHistogram(recorder.overall()),
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
