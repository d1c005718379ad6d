import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface GeneratorSample {
  /** CPU time of this process (all its threads) in microseconds. */
  cpuMicros: number;
  wallMs: number;
  /** The worst event-loop delay p99 of the generating threads, in ms. */
  loopDelayP99Ms: number;
}

/** Watches this thread's event loop; `cpu` reads the whole process. */
export class GeneratorMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: 20 });
  private readonly cpuStart = process.cpuUsage();
  private readonly wallStart = performance.now();

  constructor() {
    this.histogram.enable();
  }

  loopDelayP99Ms(): number {
    return this.histogram.count > 0 ? this.histogram.percentile(99) / 1e6 : 0;
  }

  /** What was seen so far, the monitor still running. */
  sample(): GeneratorSample {
    const cpu = process.cpuUsage(this.cpuStart);
    return {
      cpuMicros: cpu.user + cpu.system,
      wallMs: performance.now() - this.wallStart,
      loopDelayP99Ms: this.loopDelayP99Ms(),
    };
  }

  stop(): GeneratorSample {
    this.histogram.disable();
    return this.sample();
  }
}

export const CPU_SATURATED = 0.85;
export const LOOP_LAGGING_MS = 100;

/**
 * Says when the generator, not the server, set the pace: its threads near 100% of the cores they
 * can use, or its event loop late by 100 ms. Returns the note for the result, or null. With the
 * server on this machine (a loopback target) one core is the server's, so more worker threads
 * than the other cores only take turns with it (measured: 2 threads on 2 cores beside nginx ran
 * below one).
 */
export function judgeGenerator(
  sample: GeneratorSample,
  threads: number,
  cores = cpus().length,
  serverHere = false,
): string | null {
  const usable = Math.max(1, Math.min(threads, cores));
  const share = sample.wallMs > 0 ? sample.cpuMicros / 1000 / sample.wallMs / usable : 0;
  const reasons: string[] = [];
  if (share >= CPU_SATURATED) {
    reasons.push(`generator CPU ${Math.round(share * 100)}% of ${usable} core${usable > 1 ? 's' : ''}`);
  }
  if (sample.loopDelayP99Ms >= LOOP_LAGGING_MS) {
    reasons.push(`event-loop delay p99 ${Math.round(sample.loopDelayP99Ms)} ms`);
  }
  if (reasons.length === 0) return null;
  const spare = cores - (serverHere ? 1 : 0);
  const hint =
    threads < spare
      ? '; try --workers'
      : serverHere
        ? '; the server shares these cores: generate from another machine (export-locust)'
        : '; use more machines (export-locust)';
  return `generator-bound: these numbers are a floor (${reasons.join(', ')}${hint})`;
}
