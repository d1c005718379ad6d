import {
  decodeHistogram,
  encodeHistogram,
  type Histogram,
  newHistogram,
  type Precision,
} from './histogram.js';
import type { FailureKind, FailureRow } from './result.js';

/** One endpoint's counters; engines look it up once per task and record into it. */
export interface EndpointAcc {
  method: string;
  name: string;
  requests: number;
  failures: number;
  bytes: number;
  hist: Histogram;
}

interface SecondAcc {
  requests: number;
  failures: number;
  bytes: number;
  /** Users running at the end of the second; -1 = unchanged since the previous second. */
  users: number;
  hist: Histogram;
}

export interface FirstFailureAt {
  atMs: number;
  users: number;
  requests: number;
  error: string;
}

/** A recorder's content as plain data, posted from worker threads and merged exactly. */
export interface RecorderState {
  startMs: number;
  requests: number;
  failures: number;
  bytes: number;
  endpoints: Array<Omit<EndpointAcc, 'hist'> & { hist: string }>;
  seconds: Array<Omit<SecondAcc, 'hist'> & { hist: string }>;
  failureRows: FailureRow[];
  firstFailure: FirstFailureAt | null;
}

/**
 * Counts every completed attempt once: a success (its time goes into the histograms) or a
 * failure of one kind (never into the response-time histograms). Times are epoch milliseconds.
 */
export class Recorder {
  requests = 0;
  failures = 0;
  bytes = 0;
  users = 0;
  readonly endpoints = new Map<string, EndpointAcc>();
  readonly seconds: SecondAcc[] = [];
  readonly failureRows = new Map<string, FailureRow>();
  firstFailure: FirstFailureAt | null = null;
  /** Called once, at the first failure (stop-on-failure hooks in here). */
  onFirstFailure: ((f: FirstFailureAt) => void) | null = null;

  constructor(readonly startMs: number) {}

  endpoint(method: string, name: string): EndpointAcc {
    const key = `${method} ${name}`;
    let acc = this.endpoints.get(key);
    if (!acc) {
      acc = { method, name, requests: 0, failures: 0, bytes: 0, hist: newHistogram() };
      this.endpoints.set(key, acc);
    }
    return acc;
  }

  private second(atMs: number): SecondAcc {
    const index = Math.max(0, Math.floor((atMs - this.startMs) / 1000));
    for (let i = this.seconds.length; i <= index; i++) {
      this.seconds.push({ requests: 0, failures: 0, bytes: 0, users: -1, hist: newHistogram('coarse') });
    }
    return this.seconds[index]!;
  }

  /** Response times of all endpoints together (added up at the end, not recorded twice). */
  overall(): Histogram {
    const all = newHistogram();
    for (const endpoint of this.endpoints.values()) all.add(endpoint.hist);
    return all;
  }

  setUsers(users: number, atMs: number): void {
    this.users = users;
    this.second(atMs).users = users;
  }

  success(endpoint: EndpointAcc, startMs: number, endMs: number, bytes: number): void {
    const us = Math.max(1, Math.round((endMs - startMs) * 1000));
    const second = this.second(endMs);
    this.requests++;
    this.bytes += bytes;
    endpoint.requests++;
    endpoint.bytes += bytes;
    second.requests++;
    second.bytes += bytes;
    endpoint.hist.recordValue(us);
    second.hist.recordValue(us);
  }

  failure(endpoint: EndpointAcc, kind: FailureKind, error: string, endMs: number): void {
    const { method, name } = endpoint;
    const second = this.second(endMs);
    this.requests++;
    this.failures++;
    endpoint.requests++;
    endpoint.failures++;
    second.requests++;
    second.failures++;
    const key = `${method}\u0000${name}\u0000${kind}\u0000${error}`;
    const row = this.failureRows.get(key);
    if (row) row.occurrences++;
    else this.failureRows.set(key, { method, name, kind, error, occurrences: 1 });
    if (!this.firstFailure) {
      this.firstFailure = { atMs: endMs, users: this.users, requests: this.requests, error };
      this.onFirstFailure?.(this.firstFailure);
    }
  }

  toState(): RecorderState {
    return {
      startMs: this.startMs,
      requests: this.requests,
      failures: this.failures,
      bytes: this.bytes,
      endpoints: [...this.endpoints.values()].map((e) => ({ ...e, hist: encodeHistogram(e.hist) })),
      seconds: this.seconds.map((s) => ({ ...s, hist: encodeHistogram(s.hist) })),
      failureRows: [...this.failureRows.values()],
      firstFailure: this.firstFailure,
    };
  }

  /**
   * Merges recorders run in parallel (worker threads) with the same start: counts and histograms
   * add exactly, users add per second. The first failure is the earliest one; its request count
   * adds the other workers' requests of the seconds before it (exact to the second).
   */
  static merge(states: readonly RecorderState[], startMs: number): Recorder {
    const merged = new Recorder(startMs);
    for (const s of states) {
      merged.requests += s.requests;
      merged.failures += s.failures;
      merged.bytes += s.bytes;
      for (const e of s.endpoints) {
        const acc = merged.endpoint(e.method, e.name);
        acc.requests += e.requests;
        acc.failures += e.failures;
        acc.bytes += e.bytes;
        addDecoded(acc.hist, e.hist);
      }
      for (const row of s.failureRows) {
        const key = `${row.method}\u0000${row.name}\u0000${row.kind}\u0000${row.error}`;
        const have = merged.failureRows.get(key);
        if (have) have.occurrences += row.occurrences;
        else merged.failureRows.set(key, { ...row });
      }
    }
    const longest = Math.max(0, ...states.map((s) => s.seconds.length));
    for (let i = 0; i < longest; i++) {
      const acc = merged.second(startMs + i * 1000);
      let users = 0;
      for (const s of states) {
        const sec = s.seconds[i];
        users += usersAt(s, i);
        if (!sec) continue;
        acc.requests += sec.requests;
        acc.failures += sec.failures;
        acc.bytes += sec.bytes;
        addDecoded(acc.hist, sec.hist, 'coarse');
      }
      acc.users = users;
    }
    merged.firstFailure = earliestFailure(states, startMs);
    return merged;
  }
}

function addDecoded(into: Histogram, base64: string, precision: Precision = 'fine'): void {
  const h = decodeHistogram(base64, precision);
  into.add(h);
  h.destroy();
}

/** Users a worker ran in second i: the last value it set at or before i. */
function usersAt(state: RecorderState, i: number): number {
  for (let j = Math.min(i, state.seconds.length - 1); j >= 0; j--) {
    const users = state.seconds[j]!.users;
    if (users >= 0) return users;
  }
  return 0;
}

function earliestFailure(states: readonly RecorderState[], startMs: number): FirstFailureAt | null {
  let first: { f: FirstFailureAt; owner: RecorderState } | null = null;
  for (const s of states) {
    if (s.firstFailure && (!first || s.firstFailure.atMs < first.f.atMs))
      first = { f: s.firstFailure, owner: s };
  }
  if (!first) return null;
  const second = Math.floor((first.f.atMs - startMs) / 1000);
  let { requests, users } = first.f;
  for (const s of states) {
    if (s === first.owner) continue;
    requests += s.seconds.slice(0, second).reduce((sum, sec) => sum + sec.requests, 0);
    users += usersAt(s, second);
  }
  return { ...first.f, requests, users };
}
