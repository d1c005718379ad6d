import { type Histogram, newHistogram, percentileMs, summarizeHistogram } from './histogram.js';
import type { EndpointAcc, Recorder } from './recorder.js';
import { type AllOutcomes, FailureKind, type LoadResult, type TimelinePoint } from './result.js';

export interface RunMeta {
  target: string;
  startedAt: string;
  durationSec: number;
  wallSec: number;
  arrivalRate: LoadResult['arrivalRate'];
  users: number;
  spawnRate: number;
  engine: string;
  stoppedBy: LoadResult['stoppedBy'];
  generatorNote: string | null;
  tasks?: LoadResult['tasks'];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const perSec = (count: number, sec: number): number => (sec > 0 ? round2(count / sec) : 0);

/**
 * One point per whole second of the run's own time, with running totals (Locust's stats history).
 * A last partial second and the drain after the stop are left out: a bucket shorter than a second
 * would plot as a drop that never happened. The run's totals still count them.
 */
export function buildTimeline(recorder: Recorder, durationSec: number): TimelinePoint[] {
  const count = Math.floor(durationSec + 1e-6);
  const running = newHistogram();
  const runningAll = newHistogram();
  const totals = { requests: 0, failures: 0, bytes: 0, failBytes: 0 };
  const points: TimelinePoint[] = [];
  let users = 0;
  for (let i = 0; i < count; i++) {
    const sec = recorder.seconds[i];
    if (sec && sec.users >= 0) users = sec.users;
    const requests = sec?.requests ?? 0;
    const failures = sec?.failures ?? 0;
    if (sec) {
      running.add(sec.hist);
      runningAll.add(sec.hist);
      if (sec.failHist) runningAll.add(sec.failHist);
    }
    totals.requests += requests;
    totals.failures += failures;
    totals.bytes += sec?.bytes ?? 0;
    totals.failBytes += sec?.failBytes ?? 0;
    const ok = totals.requests - totals.failures;
    const answered = requests > failures;
    points.push({
      second: i,
      users,
      rps: requests - failures,
      failures,
      p50: answered ? percentileMs(sec!.hist, 50) : null,
      p95: answered ? percentileMs(sec!.hist, 95) : null,
      ...(failures > 0 && sec ? { failuresByKind: { ...sec.kinds } } : {}),
      total: {
        requests: totals.requests,
        failures: totals.failures,
        avgSize: ok > 0 ? round2(totals.bytes / ok) : 0,
        responseTime: summarizeHistogram(running),
        outcomes: {
          responseTime: summarizeHistogram(runningAll),
          avgSize: totals.requests > 0 ? round2((totals.bytes + totals.failBytes) / totals.requests) : 0,
        },
      },
    });
  }
  running.destroy();
  runningAll.destroy();
  return points;
}

/** Successes and failures of endpoints together, Locust's way of counting a stats row. */
function allOutcomes(endpoints: readonly EndpointAcc[]): AllOutcomes {
  const all: Histogram = newHistogram();
  let requests = 0;
  let bytes = 0;
  for (const e of endpoints) {
    all.add(e.hist);
    all.add(e.failHist);
    requests += e.requests;
    bytes += e.bytes + e.failBytes;
  }
  const outcomes = {
    responseTime: summarizeHistogram(all),
    avgSize: requests > 0 ? round2(bytes / requests) : 0,
  };
  all.destroy();
  return outcomes;
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
    wallSec: round2(meta.wallSec),
    model: meta.arrivalRate ? 'open' : 'closed',
    arrivalRate: meta.arrivalRate,
    users: meta.users,
    spawnRate: meta.spawnRate,
    requests: recorder.requests,
    failures: recorder.failures,
    failuresByKind,
    rps: perSec(successes, meta.durationSec),
    totalRps: perSec(recorder.requests, meta.durationSec),
    retries: recorder.retries,
    lateStarts: recorder.lateStarts,
    responseTime: summarizeHistogram(recorder.overall()),
    serviceTime: summarizeHistogram(recorder.serviceTimes()),
    avgSize: successes > 0 ? round2(recorder.bytes / successes) : 0,
    outcomes: allOutcomes([...recorder.endpoints.values()]),
    firstFailure: first
      ? {
          second: round2(Math.max(0, (first.atMs - recorder.startMs) / 1000)),
          sentSecond: round2(Math.max(0, (first.sentMs - recorder.startMs) / 1000)),
          users: first.users,
          requests: first.requests,
          kind: first.kind,
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
        rps: perSec(ok, meta.durationSec),
        failuresPerSec: perSec(e.failures, meta.durationSec),
        outcomes: allOutcomes([e]),
      };
    }),
    failureRows: [...recorder.failureRows.values()],
    generatorBound: meta.generatorNote !== null,
    generatorNote: meta.generatorNote,
    engine: meta.engine,
    stoppedBy: meta.stoppedBy,
    ...(meta.tasks ? { tasks: meta.tasks } : {}),
  };
}
