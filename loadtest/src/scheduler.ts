import { nowMs } from './clock.js';
import { AutocannonEngine } from './engines/autocannon-engine.js';
import { Budget, type Engine, type EngineContext, targetOf } from './engines/engine.js';
import { LenientEngine } from './engines/lenient-engine.js';
import type { LoadOptions } from './options.js';
import { tasksOf } from './options.js';
import type { Recorder } from './recorder.js';
import type { LoadResult } from './result.js';

export type StopReason = Exclude<LoadResult['stoppedBy'], 'running'>;
export type EngineName = Engine['name'];

const SPAWN_TICK_MS = 50;
/** Open-model arrivals are issued on this tick, each stamped with its own scheduled time. */
const ARRIVAL_TICK_MS = 2;

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
    follow: options.follow,
    open: options.arrivalRate !== undefined,
    timeoutMs: options.timeoutSec * 1000,
    recorder,
    budget,
    onExhausted: () => {},
  };
}

export interface Scheduled {
  reason: StopReason;
  /** When the run stopped, before the drain: the end of its own time. */
  stopMs: number;
}

/**
 * Seconds from the start at which the i-th request (from 0) of an open-model run is due: a constant
 * rate, or one growing linearly from `from` to `to` over `overSec` (the inverse of its integral).
 */
export function arrivalSecond(i: number, from: number, to: number, overSec: number): number {
  if (to === from) return i / from;
  const a = (to - from) / (2 * overSec);
  const t = (-from + Math.sqrt(from * from + 4 * a * i)) / (2 * a);
  // Past the ramp (a request budget outlasting the run time) the rate stays at `to`.
  return t <= overSec ? t : overSec + (i - (from + to) * overSec * 0.5) / to;
}

/**
 * Locust's model on one thread: users start at `spawnRate` per second up to `users`, each looping
 * request → think time. The open model instead keeps `users` connections and starts requests at
 * `arrivalRate` (phase-shifted by `phaseSec` so threads interleave). The run stops at the run time,
 * the request budget, the first failure (`stopOnFailure`) or the signal (its `reason` names why,
 * else 'interrupt'); requests in flight then get their timeout to end.
 */
export async function schedule(
  options: LoadOptions,
  engineName: EngineName,
  recorder: Recorder,
  control: ScheduleControl & { phaseSec?: number } = {},
): Promise<Scheduled> {
  const budget = new Budget(control.requests ?? options.requests ?? Number.POSITIVE_INFINITY);
  const ctx = engineContext(options, recorder, budget);
  let resolveStop: (reason: StopReason) => void = () => {};
  const stopped = new Promise<StopReason>((resolve) => {
    resolveStop = resolve;
  });
  ctx.onExhausted = () => resolveStop('requests');
  const engine = createEngine(engineName, ctx);
  const timers: NodeJS.Timeout[] = [];
  // Second 0 of the recorder is second 0 of the schedule, in every thread.
  const start = recorder.startMs;
  let spawned = 0;
  const spawn = () => {
    const due = Math.min(options.users, Math.floor(((nowMs() - start) / 1000) * options.spawnRate) + 1);
    while (spawned < due && budget.remaining > 0) {
      spawned++;
      // Counted before it sends: a user's first request is sent with that user running.
      recorder.setUsers(spawned, nowMs());
      engine.addUser();
    }
    if (spawned >= options.users) clearInterval(timers[0]);
  };
  if (options.arrivalRate === undefined) timers.push(setInterval(spawn, SPAWN_TICK_MS));
  else {
    recorder.setUsers(options.users, start);
    for (let i = 0; i < options.users; i++) engine.addUser();
    const from = options.arrivalRate;
    const to = options.rampTo ?? from;
    const over = options.runTimeSec ?? Number.POSITIVE_INFINITY;
    const phase = control.phaseSec ?? 0;
    let issued = 0;
    const arrive = () => {
      const now = nowMs();
      for (;;) {
        const due = start + (phase + arrivalSecond(issued, from, to, over)) * 1000;
        if (due > now || budget.remaining <= 0) break;
        issued++;
        engine.arrive!(due);
      }
    };
    timers.push(setInterval(arrive, ARRIVAL_TICK_MS));
  }
  timers.push(setInterval(() => control.onTick?.(), 1000));
  if (options.runTimeSec !== undefined)
    timers.push(setTimeout(() => resolveStop('time'), start + options.runTimeSec * 1000 - nowMs()));
  if (options.stopOnFailure) recorder.onFirstFailure = () => resolveStop('failure');
  if (budget.remaining <= 0) resolveStop('requests');
  const onAbort = () =>
    resolveStop(isStopReason(control.signal?.reason) ? control.signal.reason : 'interrupt');
  if (control.signal?.aborted) onAbort();
  control.signal?.addEventListener('abort', onAbort, { once: true });

  if (options.arrivalRate === undefined) spawn();
  const reason = await stopped;
  // A timer may fire a fraction of a millisecond early; a timed run lasted its run time.
  const stopMs = reason === 'time' ? Math.max(nowMs(), start + options.runTimeSec! * 1000) : nowMs();
  for (const t of timers) clearTimeout(t);
  control.signal?.removeEventListener('abort', onAbort);
  recorder.onFirstFailure = null;
  await engine.drain();
  return { reason, stopMs };
}

function isStopReason(value: unknown): value is StopReason {
  return value === 'time' || value === 'requests' || value === 'failure' || value === 'interrupt';
}
