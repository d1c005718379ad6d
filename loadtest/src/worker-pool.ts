import { typescriptWorker } from '@netlab/kit';
import { nowMs } from './clock.js';
import type { LoadOptions } from './options.js';
import type { Progress } from './progress.js';
import { Recorder, type RecorderState } from './recorder.js';
import type { EngineName, StopReason } from './scheduler.js';

export type ToWorker =
  | { type: 'start'; startMs: number }
  | { type: 'stop'; reason: StopReason }
  | { type: 'reset'; atMs: number };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'tick'; progress: Progress; state: RecorderState | null }
  | { type: 'failure' }
  | { type: 'done'; state: RecorderState; stoppedBy: StopReason; stopMs: number; loopDelayP99Ms: number };

export interface PoolOutcome {
  /** When the workers started, once all had loaded (or the last stats reset): second 0 of the merged timeline. */
  startMs: number;
  /** When the last worker stopped, before the drain: the end of the run's own time. */
  stopMs: number;
  states: RecorderState[];
  stoppedBy: StopReason;
  loopDelayP99Ms: number;
}

/** `total` split into `parts` integers differing by at most one. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

const entry = new URL('./thread-worker.ts', import.meta.url);

/**
 * Runs the load on `workers` threads, each with its share of users, spawn rate (or arrival rate)
 * and request budget, all on one start time so their seconds line up; returns their recorders for
 * an exact merge. Open-model threads are phase-shifted so their arrivals interleave evenly.
 */
export async function runPool(
  options: LoadOptions,
  engine: EngineName,
  requests: number | undefined,
  control: {
    signal?: AbortSignal;
    /** `merged` builds the recorder of all threads so far (live runs only: threads then post their state). */
    onProgress?: (p: Progress, merged: () => Recorder) => void;
    /** 'reset' events start every thread's counts afresh at one time. */
    control?: EventTarget;
    live?: boolean;
  },
): Promise<PoolOutcome> {
  const count = Math.max(1, Math.min(options.workers, options.users, requests ?? Number.POSITIVE_INFINITY));
  const users = split(options.users, count);
  const budgets = requests === undefined ? null : split(requests, count);
  const workers = users.map((u, i) =>
    typescriptWorker(entry, {
      workerData: {
        options: {
          ...options,
          users: u,
          spawnRate: (options.spawnRate * u) / options.users,
          arrivalRate: share(options.arrivalRate, u, options.users),
          rampTo: share(options.rampTo, u, options.users),
        },
        engine,
        requests: budgets?.[i],
        phaseSec: options.arrivalRate ? i / options.arrivalRate : 0,
        live: control.live ?? false,
      },
    }),
  );
  const ticks: Array<Progress | null> = workers.map(() => null);
  const states: Array<RecorderState | null> = workers.map(() => null);
  const stopAll = (reason: StopReason) => {
    for (const w of workers) w.postMessage({ type: 'stop', reason } satisfies ToWorker);
  };
  const onAbort = () => stopAll(control.signal?.reason === 'failure' ? 'failure' : 'interrupt');
  const done = workers.map(
    (worker, i) =>
      new Promise<Extract<FromWorker, { type: 'done' }>>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'done') resolve(message);
          else if (message.type === 'failure' && options.stopOnFailure) stopAll('failure');
          else if (message.type === 'tick') {
            ticks[i] = message.progress;
            states[i] = message.state;
          }
        });
      }),
  );
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve()))));
  let startMs = nowMs();
  for (const w of workers) w.postMessage({ type: 'start', startMs } satisfies ToWorker);
  const onReset = () => {
    startMs = nowMs();
    for (const w of workers) w.postMessage({ type: 'reset', atMs: startMs } satisfies ToWorker);
  };
  control.signal?.addEventListener('abort', onAbort, { once: true });
  control.control?.addEventListener('reset', onReset);
  const merged = () =>
    Recorder.merge(
      states.filter((s): s is RecorderState => s !== null && s.startMs === startMs),
      startMs,
    );
  const progress = setInterval(
    () => control.onProgress?.(sumProgress(ticks, startMs, options), merged),
    1000,
  );
  try {
    const results = await Promise.all(done);
    const reasons = results.map((r) => r.stoppedBy);
    const stoppedBy = (['interrupt', 'failure', 'time', 'requests'] as const).find((r) =>
      reasons.includes(r),
    )!;
    return {
      startMs,
      stopMs: Math.max(...results.map((r) => r.stopMs)),
      states: results.map((r) => r.state),
      stoppedBy,
      loopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    };
  } finally {
    clearInterval(progress);
    control.signal?.removeEventListener('abort', onAbort);
    control.control?.removeEventListener('reset', onReset);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const share = (rate: number | undefined, part: number, whole: number): number | undefined =>
  rate === undefined ? undefined : (rate * part) / whole;

/** Live progress of the pool: counts add up; p95 is the worst worker's (the exact one is in the result). */
function sumProgress(ticks: ReadonlyArray<Progress | null>, startMs: number, options: LoadOptions): Progress {
  const sum: Progress = {
    elapsedSec: (nowMs() - startMs) / 1000,
    totalSec: options.runTimeSec ?? null,
    users: 0,
    requests: 0,
    failures: 0,
    rps: 0,
    p95: 0,
  };
  for (const t of ticks) {
    if (!t) continue;
    sum.users += t.users;
    sum.requests += t.requests;
    sum.failures += t.failures;
    sum.rps += t.rps;
    sum.p95 = Math.max(sum.p95, t.p95);
  }
  return sum;
}
