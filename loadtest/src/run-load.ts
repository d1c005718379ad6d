import { nowMs } from './clock.js';
import { Budget } from './engines/engine.js';
import { LenientEngine } from './engines/lenient-engine.js';
import { GeneratorMonitor, judgeGenerator } from './generator-monitor.js';
import { type LoadOptions, type LoadOptionsInput, resolveOptions, tasksOf } from './options.js';
import { type Progress, progressOf } from './progress.js';
import { Recorder } from './recorder.js';
import type { LoadResult } from './result.js';
import { type EngineName, engineContext, schedule, type StopReason } from './scheduler.js';
import { buildResult } from './summary.js';
import { mergePool, runPool } from './worker-pool.js';

export interface RunHooks {
  onProgress?(progress: Progress): void;
  /** Aborting stops the run and returns what was measured (stoppedBy 'interrupt'). */
  signal?: AbortSignal;
}

/** Whether autocannon's engine fits: keep-alive, closed loop, one task. */
export function autocannonFits(options: LoadOptions): boolean {
  const [a, b] = options.wait;
  return options.keepAlive && a === 0 && b === 0 && tasksOf(options).length === 1;
}

/**
 * For engine 'auto', one real request (recorded like any other) shows how the server frames its
 * responses: autocannon only when the connection can be reused, the lenient engine otherwise.
 */
async function chooseEngine(options: LoadOptions, recorder: Recorder): Promise<EngineName> {
  if (options.engine !== 'auto') return options.engine;
  if (!autocannonFits(options)) return 'lenient';
  const ctx = engineContext(options, recorder, new Budget(1));
  const probe = new LenientEngine(ctx);
  recorder.users = 1;
  await new Promise<void>((resolve) => {
    ctx.onExhausted = resolve;
    probe.addUser();
  });
  await probe.drain(0);
  return probe.lastResponse?.reusable ? 'autocannon' : 'lenient';
}

/** Runs a load test in this process and returns what it measured. */
export async function runLoad(input: LoadOptionsInput, hooks: RunHooks = {}): Promise<LoadResult> {
  const options = resolveOptions(input);
  const startedAt = new Date().toISOString();
  const startMs = nowMs();
  const monitor = new GeneratorMonitor();
  let recorder = new Recorder(startMs);
  const engine = await chooseEngine(options, recorder);
  const requests = options.requests === undefined ? undefined : options.requests - recorder.requests;
  let stoppedBy: StopReason;
  let loopDelayP99Ms = 0;
  let endMs: number;
  if (options.stopOnFailure && recorder.firstFailure) {
    stoppedBy = 'failure';
    endMs = nowMs();
  } else if (options.workers > 1) {
    const outcome = await runPool(options, engine, requests, hooks);
    recorder = mergePool(recorder, outcome);
    stoppedBy = outcome.stoppedBy;
    loopDelayP99Ms = outcome.loopDelayP99Ms;
    endMs = outcome.endMs;
  } else {
    const totalSec = options.runTimeSec ?? null;
    stoppedBy = await schedule(options, engine, recorder, {
      signal: hooks.signal,
      requests,
      onTick: () => hooks.onProgress?.(progressOf(recorder, nowMs(), totalSec)),
    });
    endMs = nowMs();
  }
  const sample = monitor.stop();
  sample.loopDelayP99Ms = Math.max(sample.loopDelayP99Ms, loopDelayP99Ms);
  return buildResult(recorder, {
    target: options.host,
    startedAt,
    durationSec: (endMs - recorder.startMs) / 1000,
    users: options.users,
    spawnRate: options.spawnRate,
    engine: options.workers > 1 ? `${engine} x${options.workers} threads` : engine,
    stoppedBy,
    generatorNote: judgeGenerator(sample, options.workers),
  });
}
