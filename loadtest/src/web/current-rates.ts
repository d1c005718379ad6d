import type { LoadResult } from '../result.js';

export interface Rate {
  rps: number;
  failuresPerSec: number;
}

const keyOf = (method: string, name: string) => `${method ?? ''} ${name}`;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Locust's "Current RPS" per row: requests (successes and failures) per second between the two
 * latest snapshots of a run (about one second apart). Counts that went down mean the stats were
 * reset; the rate then starts from the reset. A finished run shows its whole-run rates.
 */
export class CurrentRates {
  private previous: { atMs: number; counts: Map<string, [number, number]> } | null = null;
  private rates = new Map<string, Rate>();

  update(result: LoadResult, atMs: number): void {
    const counts = countsOf(result);
    const before = this.previous;
    const rates = new Map<string, Rate>();
    for (const [key, [requests, failures]] of counts) {
      const [r0, f0] = before?.counts.get(key) ?? [0, 0];
      const reset = before === null || requests < r0;
      const sec = reset ? result.durationSec : (atMs - before.atMs) / 1000;
      const dr = reset ? requests : requests - r0;
      const df = reset ? failures : failures - f0;
      rates.set(key, { rps: sec > 0 ? round2(dr / sec) : 0, failuresPerSec: sec > 0 ? round2(df / sec) : 0 });
    }
    this.previous = { atMs, counts };
    this.rates = rates;
  }

  /**
   * A finished run: each endpoint's rate over the run's own time, as its CSV's Requests/s, and the
   * Aggregated row's the JSON's `totalRps` (computed before durationSec is rounded).
   */
  settle(result: LoadResult): void {
    this.previous = null;
    const sec = result.durationSec;
    const rate = (count: number) => (sec > 0 ? round2(count / sec) : 0);
    this.rates = new Map(
      [...countsOf(result)].map(([key, [requests, failures]]) => [
        key,
        { rps: rate(requests), failuresPerSec: rate(failures) },
      ]),
    );
    this.rates.set(keyOf('', 'Aggregated'), { rps: result.totalRps, failuresPerSec: rate(result.failures) });
  }

  of(method: string, name: string): Rate {
    return this.rates.get(keyOf(method, name)) ?? { rps: 0, failuresPerSec: 0 };
  }

  clear(): void {
    this.previous = null;
    this.rates.clear();
  }
}

function countsOf(result: LoadResult): Map<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  for (const e of result.endpoints) counts.set(keyOf(e.method, e.name), [e.requests, e.failures]);
  counts.set(keyOf('', 'Aggregated'), [result.requests, result.failures]);
  return counts;
}
