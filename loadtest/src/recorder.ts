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
  /** Failures' times (from the scheduled send to the outcome) and received body bytes, kept apart from successes'. */
  failHist: Histogram;
  failBytes: number;
}

interface SecondAcc {
  requests: number;
  failures: number;
  bytes: number;
  /** Users running at the end of the second; -1 = unchanged since the previous second. */
  users: number;
  hist: Histogram;
  kinds: Partial<Record<FailureKind, number>>;
  /** The second's failures' times and body bytes, made at its first failure. */
  failHist: Histogram | null;
  failBytes: number;
}

export interface FirstFailureAt {
  /** When the failure became known. */
  atMs: number;
  /** When the request was sent (open model: scheduled). */
  sentMs: number;
  /** Users active at sentMs. */
  users: number;
  /** Requests counted at atMs. */
  requests: number;
  kind: FailureKind;
  error: string;
}

/** A recorder's content as plain data, posted from worker threads and merged exactly. */
export interface RecorderState {
  startMs: number;
  requests: number;
  failures: number;
  bytes: number;
  endpoints: Array<Omit<EndpointAcc, 'hist' | 'failHist'> & { hist: string; failHist: string }>;
  seconds: Array<Omit<SecondAcc, 'hist' | 'failHist'> & { hist: string; failHist: string | null }>;
  failureRows: FailureRow[];
  firstFailure: FirstFailureAt | null;
  retries: number;
  lateStarts: number;
  service: string | null;
}

/**
 * Counts every request once, when its outcome is known: a success (its time goes into the
 * histograms) or a failure of one kind (never into the successes' histograms; its time and
 * received bytes go into its endpoint's failure histogram, for Locust's all-outcomes columns). Times are epoch
 * milliseconds. A response time runs from the request's scheduled time, which in the closed model
 * is its send; the open model keeps service times (from the send) in a histogram of their own.
 */
export class Recorder {
  /** Second 0 of the counts: the run's start, or the last reset. */
  startMs: number;
  requests = 0;
  failures = 0;
  bytes = 0;
  users = 0;
  retries = 0;
  lateStarts = 0;
  readonly endpoints = new Map<string, EndpointAcc>();
  readonly seconds: SecondAcc[] = [];
  readonly failureRows = new Map<string, FailureRow>();
  /** The failing request sent first. */
  firstFailure: FirstFailureAt | null = null;
  /** Called once, at the first failure to become known (stop-on-failure hooks in here). */
  onFirstFailure: ((f: FirstFailureAt) => void) | null = null;
  private failureSeen = false;
  /** Open model only: times from the send. */
  readonly service: Histogram | null;

  constructor(startMs: number, open = false) {
    this.startMs = startMs;
    this.service = open ? newHistogram() : null;
  }

  /**
   * Starts every count afresh at `atMs`, as Locust's "reset stats" does mid-run: the users keep
   * running, second 0 moves to the reset. Endpoint accumulators are zeroed in place because the
   * engines hold them.
   */
  reset(atMs: number): void {
    this.startMs = atMs;
    this.requests = this.failures = this.bytes = this.retries = this.lateStarts = 0;
    for (const e of this.endpoints.values()) {
      e.requests = e.failures = e.bytes = e.failBytes = 0;
      e.hist.reset();
      e.failHist.reset();
    }
    this.seconds.length = 0;
    this.second(atMs).users = this.users;
    this.failureRows.clear();
    this.firstFailure = null;
    this.failureSeen = false;
    this.service?.reset();
  }

  endpoint(method: string, name: string): EndpointAcc {
    const key = `${method} ${name}`;
    let acc = this.endpoints.get(key);
    if (!acc) {
      acc = {
        method,
        name,
        requests: 0,
        failures: 0,
        bytes: 0,
        hist: newHistogram(),
        failHist: newHistogram(),
        failBytes: 0,
      };
      this.endpoints.set(key, acc);
    }
    return acc;
  }

  private second(atMs: number): SecondAcc {
    const index = Math.max(0, Math.floor((atMs - this.startMs) / 1000));
    for (let i = this.seconds.length; i <= index; i++) {
      this.seconds.push({
        requests: 0,
        failures: 0,
        bytes: 0,
        users: -1,
        hist: newHistogram('coarse'),
        kinds: {},
        failHist: null,
        failBytes: 0,
      });
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

  /** Service times (from the send): the open model's own histogram, else the response times. */
  serviceTimes(): Histogram {
    return this.service ?? this.overall();
  }

  success(endpoint: EndpointAcc, scheduledMs: number, sentMs: number, endMs: number, bytes: number): void {
    const us = micros(endMs - scheduledMs);
    this.service?.recordValue(micros(endMs - sentMs));
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

  /** `sentMs` is the scheduled send (the send itself in the closed model); `bytes` the body of a full response read. */
  failure(
    endpoint: EndpointAcc,
    kind: FailureKind,
    error: string,
    endMs: number,
    sentMs: number,
    usersAtSend: number,
    bytes = 0,
  ): void {
    const { method, name } = endpoint;
    const second = this.second(endMs);
    this.requests++;
    this.failures++;
    endpoint.requests++;
    endpoint.failures++;
    const us = micros(endMs - sentMs);
    endpoint.failHist.recordValue(us);
    endpoint.failBytes += bytes;
    second.failHist ??= newHistogram('coarse');
    second.failHist.recordValue(us);
    second.failBytes += bytes;
    second.requests++;
    second.failures++;
    second.kinds[kind] = (second.kinds[kind] ?? 0) + 1;
    const key = `${method}\u0000${name}\u0000${kind}\u0000${error}`;
    const row = this.failureRows.get(key);
    if (row) row.occurrences++;
    else this.failureRows.set(key, { method, name, kind, error, occurrences: 1 });
    if (!this.firstFailure || sentMs < this.firstFailure.sentMs) {
      this.firstFailure = { atMs: endMs, sentMs, users: usersAtSend, requests: this.requests, kind, error };
    }
    if (!this.failureSeen) {
      this.failureSeen = true;
      this.onFirstFailure?.(this.firstFailure);
    }
  }

  toState(): RecorderState {
    return {
      startMs: this.startMs,
      requests: this.requests,
      failures: this.failures,
      bytes: this.bytes,
      endpoints: [...this.endpoints.values()].map((e) => ({
        ...e,
        hist: encodeHistogram(e.hist),
        failHist: encodeHistogram(e.failHist),
      })),
      seconds: this.seconds.map((s) => ({
        ...s,
        kinds: { ...s.kinds },
        hist: encodeHistogram(s.hist),
        failHist: s.failHist ? encodeHistogram(s.failHist) : null,
      })),
      failureRows: [...this.failureRows.values()],
      firstFailure: this.firstFailure,
      retries: this.retries,
      lateStarts: this.lateStarts,
      service: this.service ? encodeHistogram(this.service) : null,
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
        acc.failBytes += e.failBytes;
        addDecoded(acc.hist, e.hist);
        addDecoded(acc.failHist, e.failHist);
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
        for (const [kind, n] of Object.entries(sec.kinds ?? {}) as [FailureKind, number][])
          acc.kinds[kind] = (acc.kinds[kind] ?? 0) + n;
        addDecoded(acc.hist, sec.hist, 'coarse');
        acc.failBytes += sec.failBytes ?? 0;
        if (sec.failHist) {
          acc.failHist ??= newHistogram('coarse');
          addDecoded(acc.failHist, sec.failHist, 'coarse');
        }
      }
      acc.users = users;
    }
    merged.firstFailure = earliestFailure(states, startMs);
    return merged;
  }
}

/** A duration in ms as recorded: whole microseconds, at least 1. */
const micros = (ms: number): number => Math.max(1, Math.round(ms * 1000));

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
    if (s.firstFailure && (!first || s.firstFailure.sentMs < first.f.sentMs))
      first = { f: s.firstFailure, owner: s };
  }
  if (!first) return null;
  const recorded = Math.floor((first.f.atMs - startMs) / 1000);
  const sent = Math.floor((first.f.sentMs - startMs) / 1000);
  let { requests, users } = first.f;
  for (const s of states) {
    if (s === first.owner) continue;
    requests += s.seconds.slice(0, recorded).reduce((sum, sec) => sum + sec.requests, 0);
    users += usersAt(s, sent);
  }
  return { ...first.f, requests, users };
}
