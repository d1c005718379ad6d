import { nowMs } from './clock.js';
import { AutocannonEngine } from './engines/autocannon-engine.js';
import { Budget, type Engine, type EngineContext, targetOf } from './engines/engine.js';
import { LenientEngine } from './engines/lenient-engine.js';
import type { LoadOptions } from './options.js';
import { tasksOf } from './options.js';
import type { Recorder } from './recorder.js';
import type { LoadResult } from './result.js';

export type StopReason = LoadResult['stoppedBy'];
export type EngineName = Engine['name'];

/** Requests cut off at a stop get this long to finish; longer ones are dropped, as Locust does. */
export const DRAIN_MS = 2000;
const SPAWN_TICK_MS = 50;

export interface ScheduleControl {
  signal?: AbortSignal;
  /** Called every second while running. */
  onTick?: () => void;
  /** Requests this scheduler may start; defaults to `options.requests`. */
  requests?: number;
}

export function createEngine(name: EngineName, ctx: EngineContext): Engine {
  return name === 'autocannon' ? new AutocannonEngine(ctx) : new LenientEngine(ctx);
}

export function engineContext(options: LoadOptions, recorder: Recorder, budget: Budget): EngineContext {
  return {
    target: targetOf(options.host),
    tasks: tasksOf(options),
    wait: options.wait,
    keepAlive: options.keepAlive,
    timeoutMs: options.timeoutSec * 1000,
    recorder,
    budget,
    onExhausted: () => {},
  };
}

/**
 * Locust's model on one thread: users start at `spawnRate` per second up to `users`, each looping
 * request → think time; the run stops at the run time, the request budget, the first failure
 * (`stopOnFailure`) or the signal (its `reason` names why, else 'interrupt').
 */
export async function schedule(
  options: LoadOptions,
  engineName: EngineName,
  recorder: Recorder,
  control: ScheduleControl = {},
): Promise<StopReason> {
  const budget = new Budget(control.requests ?? options.requests ?? Number.POSITIVE_INFINITY);
  const ctx = engineContext(options, recorder, budget);
  let resolveStop: (reason: StopReason) => void = () => {};
  const stopped = new Promise<StopReason>((resolve) => {
    resolveStop = resolve;
  });
  ctx.onExhausted = () => resolveStop('requests');
  const engine = createEngine(engineName, ctx);
  const timers: NodeJS.Timeout[] = [];
  const start = nowMs();
  let spawned = 0;
  const spawn = () => {
    const due = Math.min(options.users, Math.floor(((nowMs() - start) / 1000) * options.spawnRate) + 1);
    while (spawned < due && budget.remaining > 0) {
      spawned++;
      engine.addUser();
    }
    recorder.setUsers(spawned, nowMs());
    if (spawned >= options.users) clearInterval(timers[0]);
  };
  timers.push(setInterval(spawn, SPAWN_TICK_MS));
  timers.push(setInterval(() => control.onTick?.(), 1000));
  if (options.runTimeSec !== undefined)
    timers.push(setTimeout(() => resolveStop('time'), options.runTimeSec * 1000));
  if (options.stopOnFailure) recorder.onFirstFailure = () => resolveStop('failure');
  if (budget.remaining <= 0) resolveStop('requests');
  const onAbort = () =>
    resolveStop(isStopReason(control.signal?.reason) ? control.signal.reason : 'interrupt');
  if (control.signal?.aborted) onAbort();
  control.signal?.addEventListener('abort', onAbort, { once: true });

  spawn();
  const reason = await stopped;
  for (const t of timers) clearTimeout(t);
  control.signal?.removeEventListener('abort', onAbort);
  recorder.onFirstFailure = null;
  await engine.drain(Math.min(DRAIN_MS, options.timeoutSec * 1000));
  return reason;
}

function isStopReason(value: unknown): value is StopReason {
  return value === 'time' || value === 'requests' || value === 'failure' || value === 'interrupt';
}
