import type { Recorder } from '../recorder.js';
import type { FailureKind } from '../result.js';
import type { Task } from '../scenario.js';

/** A shared cap on requests started (`-n`); Infinity when the run is timed. */
export class Budget {
  constructor(public remaining: number) {}
  take(): boolean {
    if (this.remaining <= 0) return false;
    this.remaining--;
    return true;
  }
}

export interface Target {
  hostname: string;
  port: number;
  /** The Host header value. */
  host: string;
}

export interface EngineContext {
  target: Target;
  tasks: readonly Task[];
  wait: readonly [number, number];
  keepAlive: boolean;
  /** Follow redirects on the target, as Locust's HttpUser (requests) does. */
  follow: boolean;
  /** Open model: users are a pool of connections that take requests as they arrive. */
  open: boolean;
  timeoutMs: number;
  recorder: Recorder;
  budget: Budget;
  /** Called once, when the budget is spent and no request is in flight. */
  onExhausted: () => void;
}

/** What a scheduler needs of an engine: add users one by one, then stop them. */
export interface Engine {
  readonly name: 'autocannon' | 'lenient';
  /** Closed model: a user that starts looping; open model: one more connection in the pool. */
  addUser(): void;
  /** Open model: a request due at `scheduledMs` (epoch ms). */
  arrive?(scheduledMs: number): void;
  /**
   * Starts no new request; resolves once every request in flight has an outcome. One still open
   * at its timeout is a timeout failure: nothing is dropped.
   */
  drain(): Promise<void>;
}

export function targetOf(host: string): Target {
  const url = new URL(host);
  return { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80), host: url.host };
}

/** Success as Locust's `response.ok` (status < 400) unless the task lists the statuses it expects. */
export function statusOk(task: Task, status: number): boolean {
  return task.expectStatus ? task.expectStatus.includes(status) : status < 400;
}

/** Socket errors by kind (refused, reset, timeout, other), with a short message. */
export function classifyError(error: NodeJS.ErrnoException): { kind: FailureKind; error: string } {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return { kind: 'refused', error: 'ECONNREFUSED: connection refused' };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') {
    return { kind: 'reset', error: `${code}: connection reset by peer` };
  }
  if (code === 'ETIMEDOUT') return { kind: 'timeout', error: 'ETIMEDOUT: connect timed out' };
  return { kind: 'other', error: code ? `${code}: ${error.message}` : error.message };
}

/** Serialises a task into the bytes of one HTTP/1.1 request. */
export function requestBytes(task: Task, host: string, keepAlive: boolean): Buffer {
  const body = task.body === undefined ? null : Buffer.from(task.body);
  const lines = [`${task.method} ${task.path} HTTP/1.1`, `Host: ${host}`];
  const names = new Set(Object.keys(task.headers).map((h) => h.toLowerCase()));
  if (!names.has('user-agent')) lines.push('User-Agent: netlab-loadtest');
  for (const [name, value] of Object.entries(task.headers)) lines.push(`${name}: ${value}`);
  if (!keepAlive) lines.push('Connection: close');
  if (body && !names.has('content-length')) lines.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

/** Think time in ms, uniform in [a, b] seconds (Locust's `between(a, b)`). */
export function thinkMs(wait: readonly [number, number]): number {
  const [a, b] = wait;
  return a === b ? a * 1000 : (a + Math.random() * (b - a)) * 1000;
}
