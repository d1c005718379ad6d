import { cpus } from 'node:os';
import { nowMs } from './clock.js';
import { isLoopback } from '@netlab/kit';
import { GeneratorMonitor, judgeGenerator } from './generator-monitor.js';
import { type LoadOptions, type LoadOptionsInput, resolveOptions } from './options.js';
import { type Progress, progressOf } from './progress.js';
import { Recorder } from './recorder.js';
import type { LoadResult } from './result.js';
import { type EngineName, schedule, type StopReason } from './scheduler.js';
import { buildResult } from './summary.js';
import { runPool } from './worker-pool.js';

export interface RunHooks {
  onProgress?(progress: Progress): void;
  /** Aborting stops the run and returns what was measured (stoppedBy 'interrupt'). */
  signal?: AbortSignal;
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
  const startedAt = new Date().toISOString();
  const startMs = nowMs();
  const monitor = new GeneratorMonitor();
  const open = options.arrivalRate !== undefined;
  let recorder = new Recorder(startMs, open);
  const engine = chooseEngine(options);
  let stoppedBy: StopReason;
  let loopDelayP99Ms = 0;
  let stopMs: number;
  if (options.workers > 1) {
    const outcome = await runPool(options, engine, options.requests, hooks);
    recorder = Recorder.merge(outcome.states, outcome.startMs);
    stoppedBy = outcome.stoppedBy;
    loopDelayP99Ms = outcome.loopDelayP99Ms;
    stopMs = outcome.stopMs;
  } else {
    const totalSec = options.runTimeSec ?? null;
    const run = await schedule(options, engine, recorder, {
      signal: hooks.signal,
      onTick: () => hooks.onProgress?.(progressOf(recorder, nowMs(), totalSec)),
    });
    stoppedBy = run.reason;
    stopMs = run.stopMs;
  }
  const endMs = nowMs();
  const sample = monitor.stop();
  sample.loopDelayP99Ms = Math.max(sample.loopDelayP99Ms, loopDelayP99Ms);
  return buildResult(recorder, {
    target: options.host,
    startedAt,
    durationSec: (stopMs - recorder.startMs) / 1000,
    wallSec: (endMs - recorder.startMs) / 1000,
    arrivalRate: open ? { from: options.arrivalRate!, to: options.rampTo ?? options.arrivalRate! } : null,
    users: options.users,
    spawnRate: options.spawnRate,
    engine: options.workers > 1 ? `${engine} x${options.workers} threads` : engine,
    stoppedBy,
    generatorNote: judgeGenerator(sample, options.workers, cpus().length, isLoopback(options.host)),
  });
}
