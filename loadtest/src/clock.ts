import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with sub-ms resolution, comparable across worker threads. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
