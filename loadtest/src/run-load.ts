import { cpus } from 'node:os';
import { isLoopback } from '@netlab/kit';
import { nowMs } from './clock.js';
import { GeneratorMonitor, judgeGenerator } from './generator-monitor.js';
import { type LoadOptions, type LoadOptionsInput, resolveOptions, tasksOf } from './options.js';
import { type Progress, progressOf } from './progress.js';
import { Recorder } from './recorder.js';
import type { LoadResult } from './result.js';
import { type EngineName, schedule, type StopReason } from './scheduler.js';
import { taskName } from './scenario.js';
import { buildResult, type RunMeta } from './summary.js';
import { runPool } from './worker-pool.js';

export interface RunHooks {
  onProgress?(progress: Progress): void;
  /** Aborting stops the run and returns what was measured (stoppedBy 'interrupt'). */
  signal?: AbortSignal;
  /** Each 'reset' event dispatched here starts the counts afresh (Locust's reset stats); users keep running. */
  control?: EventTarget;
  /** Each progress carries the run so far as a result (`progress.result`), for a live view. */
  live?: boolean;
}

/**
 * 'auto' is the lenient engine: measured here it reads every server right and ran about twice
 * autocannon's client at 50 keep-alive connections (README, "Engines"); autocannon stays selectable.
 */
function chooseEngine(options: LoadOptions): EngineName {
  return options.engine === 'auto' ? 'lenient' : options.engine;
}

/** Runs a load test in this process and returns what it measured. */
export async function runLoad(input: LoadOptionsInput, hooks: RunHooks = {}): Promise<LoadResult> {
  const options = resolveOptions(input);
  let startedAt = new Date().toISOString();
  const monitor = new GeneratorMonitor();
  const open = options.arrivalRate !== undefined;
  const engine = chooseEngine(options);
  const tasks = tasksOf(options).map((t) => ({
    name: taskName(t),
    method: t.method,
    path: t.path,
    weight: t.weight,
  }));
  const note = () =>
    judgeGenerator(monitor.sample(), options.workers, cpus().length, isLoopback(options.host));
  const meta = (recorder: Recorder, stopMs: number, endMs: number, stoppedBy: RunMeta['stoppedBy']) => ({
    target: options.host,
    startedAt,
    durationSec: (stopMs - recorder.startMs) / 1000,
    wallSec: (endMs - recorder.startMs) / 1000,
    arrivalRate: open ? { from: options.arrivalRate!, to: options.rampTo ?? options.arrivalRate! } : null,
    users: options.users,
    spawnRate: options.spawnRate,
    engine: options.workers > 1 ? `${engine} x${options.workers} threads` : engine,
    stoppedBy,
    generatorNote: note(),
    tasks,
  });
  const report = (progress: Progress, recorder: () => Recorder) => {
    if (!hooks.onProgress) return;
    if (hooks.live) {
      const now = nowMs();
      const counted = recorder();
      progress.result = buildResult(counted, meta(counted, now, now, 'running'));
    }
    hooks.onProgress(progress);
  };
  const onReset = () => {
    startedAt = new Date().toISOString();
  };
  hooks.control?.addEventListener('reset', onReset);
  let recorder: Recorder;
  let stoppedBy: StopReason;
  let loopDelayP99Ms = 0;
  let stopMs: number;
  try {
    if (options.workers > 1) {
      const outcome = await runPool(options, engine, options.requests, {
        ...hooks,
        onProgress: hooks.onProgress && ((p, merged) => report(p, merged)),
      });
      recorder = Recorder.merge(outcome.states, outcome.startMs);
      stoppedBy = outcome.stoppedBy;
      loopDelayP99Ms = outcome.loopDelayP99Ms;
      stopMs = outcome.stopMs;
    } else {
      const single = new Recorder(nowMs(), open);
      recorder = single;
      const resetSingle = () => single.reset(nowMs());
      hooks.control?.addEventListener('reset', resetSingle);
      const totalSec = options.runTimeSec ?? null;
      const run = await schedule(options, engine, single, {
        signal: hooks.signal,
        onTick: () => report(progressOf(single, nowMs(), totalSec), () => single),
      }).finally(() => hooks.control?.removeEventListener('reset', resetSingle));
      stoppedBy = run.reason;
      stopMs = run.stopMs;
    }
  } finally {
    hooks.control?.removeEventListener('reset', onReset);
  }
  const endMs = nowMs();
  const sample = monitor.stop();
  sample.loopDelayP99Ms = Math.max(sample.loopDelayP99Ms, loopDelayP99Ms);
  return buildResult(recorder, {
    ...meta(recorder, stopMs, endMs, stoppedBy),
    generatorNote: judgeGenerator(sample, options.workers, cpus().length, isLoopback(options.host)),
  });
}
