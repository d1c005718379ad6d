import { setTimeout as sleep } from 'node:timers/promises';

/** A race against the clock that never holds the event loop open after the race is decided. */
export async function raceDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  const ac = new AbortController();
  try {
    return await Promise.race([work, sleep(ms, 'timeout' as const, { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
}
