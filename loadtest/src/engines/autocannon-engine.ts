import { createRequire } from 'node:module';
import { nowMs } from '../clock.js';
import type { FailureKind } from '../result.js';
import { taskName } from '../scenario.js';
import { classifyError, type Engine, type EngineContext, statusOk } from './engine.js';

/** The part of autocannon's per-connection client (lib/httpClient.js) this engine drives. */
interface AutocannonClient {
  reqsMade: number;
  responseMax: number | undefined;
  on(event: 'response', fn: (status: number, bytes: number, durationMs: number) => void): void;
  on(event: 'body', fn: (chunk: Buffer) => void): void;
  on(event: 'connError', fn: (error: NodeJS.ErrnoException) => void): void;
  on(event: 'timeout' | 'request' | 'done', fn: () => void): void;
  destroy(): void;
}
type ClientCtor = new (opts: object) => AutocannonClient;

const require = createRequire(import.meta.url);
const Client = require('autocannon/lib/httpClient.js') as ClientCtor;

/**
 * autocannon's connection client (http-parser-js, prebuilt request buffers, no allocation per
 * request), one per user, spawned by our scheduler. Only for keep-alive closed-loop runs of one
 * task against a server that frames its responses: autocannon 9 loses close-delimited bodies and
 * half of `Connection: close` responses (see README), which the lenient engine serves instead.
 * It follows no redirects (autocannon's behaviour) and has no open model.
 */
export class AutocannonEngine implements Engine {
  readonly name = 'autocannon';
  private readonly clients: OpenRequest[] = [];
  private running = 0;
  private idle: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly ctx: EngineContext) {}

  addUser(): void {
    const { ctx } = this;
    if (this.stopped || !ctx.budget.take()) return;
    const task = ctx.tasks[0]!;
    const endpoint = ctx.recorder.endpoint(task.method, taskName(task));
    const client = new Client({
      hostname: ctx.target.hostname,
      port: ctx.target.port,
      method: task.method,
      path: task.path,
      headers: { host: ctx.target.host, 'user-agent': 'netlab-loadtest', ...task.headers },
      body: task.body,
      timeout: ctx.timeoutMs / 1000,
    });
    // The client sent its first request while being constructed (budget taken above).
    this.running++;
    const open: OpenRequest = { client, sentMs: nowMs(), users: ctx.recorder.users, waiting: true };
    this.clients.push(open);
    let bodyBytes = 0;
    const failure = (kind: FailureKind, message: string) => {
      open.waiting = false;
      ctx.recorder.failure(endpoint, kind, message, nowMs(), open.sentMs, open.users);
    };
    client.on('body', (chunk) => {
      bodyBytes += chunk.length;
    });
    client.on('response', (status, _bytes, durationMs) => {
      const end = nowMs();
      open.waiting = false;
      const sent = end - durationMs;
      if (statusOk(task, status)) ctx.recorder.success(endpoint, sent, sent, end, bodyBytes);
      else ctx.recorder.failure(endpoint, 'status', `HTTP ${status}`, end, sent, open.users, bodyBytes);
      bodyBytes = 0;
    });
    client.on('connError', (error) => {
      const { kind, error: message } = classifyError(error);
      failure(kind, message);
    });
    client.on('timeout', () => failure('timeout', `timeout after ${ctx.timeoutMs / 1000}s`));
    client.on('request', () => {
      // Emitted just before the write, so this request is not yet in the client's reqsMade.
      open.waiting = true;
      open.sentMs = nowMs();
      open.users = ctx.recorder.users;
      ctx.budget.take();
      if (ctx.budget.remaining <= 0) this.capAll(client);
    });
    client.on('done', () => {
      if (--this.running > 0) return;
      if (this.stopped) this.idle?.();
      else ctx.onExhausted();
    });
    if (ctx.budget.remaining <= 0) this.capAll(null);
  }

  /** Lets every client finish the request in flight and send no more (autocannon's `responseMax`). */
  private capAll(sending: AutocannonClient | null): void {
    for (const { client: c } of this.clients) c.responseMax = c.reqsMade + (c === sending ? 1 : 0);
  }

  drain(): Promise<void> {
    this.stopped = true;
    this.capAll(null);
    const { recorder, timeoutMs, tasks } = this.ctx;
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(backstop);
        for (const { client } of this.clients) client.destroy();
        resolve();
      };
      // autocannon's own timeout ends most; a request still open after it is counted, not dropped.
      const backstop = setTimeout(() => {
        const endpoint = recorder.endpoint(tasks[0]!.method, taskName(tasks[0]!));
        for (const open of this.clients) {
          if (!open.waiting) continue;
          open.waiting = false;
          recorder.failure(
            endpoint,
            'timeout',
            `timeout after ${timeoutMs / 1000}s`,
            nowMs(),
            open.sentMs,
            open.users,
          );
        }
        finish();
      }, timeoutMs + 2000);
      if (this.running === 0) finish();
      else this.idle = finish;
    });
  }
}

/** A client and the request it has in flight, if any. */
interface OpenRequest {
  client: AutocannonClient;
  sentMs: number;
  users: number;
  waiting: boolean;
}
