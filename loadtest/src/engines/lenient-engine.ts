import net, { type Socket } from 'node:net';
import { nowMs } from '../clock.js';
import type { FailureKind } from '../result.js';
import { taskName, type Task, weightedPicker } from '../scenario.js';
import { classifyError, type Engine, type EngineContext, requestBytes, statusOk, thinkMs } from './engine.js';
import { MalformedResponse, type ParsedResponse, ResponseParser } from './response-parser.js';

interface Prepared {
  task: Task;
  name: string;
  bytes: Buffer;
}

/**
 * The engine on `node:net`: one socket per user, kept alive while the server allows it, a new
 * one per request otherwise. Reads what students' servers send (see response-parser.ts).
 */
export class LenientEngine implements Engine {
  readonly name = 'lenient';
  readonly users: LenientUser[] = [];
  readonly pick: () => Prepared;
  stopping = false;
  inFlight = 0;
  private idle: (() => void) | null = null;
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly ctx: EngineContext) {
    const prepared = ctx.tasks.map((task) => ({
      task,
      name: taskName(task),
      bytes: requestBytes(task, ctx.target.host, ctx.keepAlive),
    }));
    const pickTask = weightedPicker(ctx.tasks);
    const byTask = new Map(prepared.map((p) => [p.task, p]));
    this.pick = () => byTask.get(pickTask())!;
    // One sweep for all timeouts is far cheaper than a timer per request.
    this.sweeper = setInterval(() => this.sweep(), Math.min(250, ctx.timeoutMs / 4));
  }

  addUser(): void {
    const user = new LenientUser(this);
    this.users.push(user);
    user.next();
  }

  drain(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const user of this.users) user.stopThinking();
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        clearInterval(this.sweeper);
        for (const user of this.users) user.close();
        resolve();
      };
      const timer = setTimeout(finish, graceMs);
      if (this.inFlight === 0) finish();
      else this.idle = finish;
    });
  }

  /** Bookkeeping when a request ends, whatever its outcome. */
  settled(): void {
    this.inFlight--;
    if (this.inFlight > 0) return;
    if (this.stopping) this.idle?.();
    else if (this.ctx.budget.remaining <= 0) this.ctx.onExhausted();
  }

  private sweep(): void {
    const now = nowMs();
    for (const user of this.users) user.checkTimeout(now);
  }
}

class LenientUser {
  private socket: Socket | null = null;
  private parser: ResponseParser | null = null;
  private current: Prepared | null = null;
  private startMs = 0;
  private reused = false;
  private retried = false;
  private thinking: NodeJS.Timeout | null = null;

  constructor(private readonly engine: LenientEngine) {}

  next(): void {
    this.thinking = null;
    const { ctx } = this.engine;
    if (this.engine.stopping || !ctx.budget.take()) return;
    this.current = this.engine.pick();
    this.startMs = nowMs();
    this.retried = false;
    this.engine.inFlight++;
    this.send();
  }

  stopThinking(): void {
    if (this.thinking) clearTimeout(this.thinking);
    this.thinking = null;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  checkTimeout(now: number): void {
    const { timeoutMs } = this.engine.ctx;
    if (this.current && now - this.startMs > timeoutMs) {
      this.close();
      this.fail('timeout', `timeout after ${timeoutMs / 1000}s`);
    }
  }

  private send(): void {
    const current = this.current!;
    this.parser = new ResponseParser(current.task.method === 'HEAD');
    this.reused = this.socket !== null;
    if (!this.socket) this.socket = this.connect();
    this.socket.write(current.bytes);
  }

  private connect(): Socket {
    const { hostname, port } = this.engine.ctx.target;
    const socket = net.connect({ host: hostname, port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('end', () => this.onEnd(socket));
    socket.on('close', () => this.onEnd(socket));
    socket.on('error', (error) => this.onError(socket, error));
    return socket;
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket || !this.current) return;
    let response: ParsedResponse | null;
    try {
      response = this.parser!.feed(chunk);
    } catch (error) {
      if (!(error instanceof MalformedResponse)) throw error;
      this.close();
      this.fail('malformed', error.message);
      return;
    }
    if (response) this.complete(response);
  }

  private onEnd(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    socket.destroy();
    if (!this.current) return;
    let response: ParsedResponse;
    try {
      response = this.parser!.end();
    } catch (error) {
      if (!(error instanceof MalformedResponse)) throw error;
      if (this.parser!.received > 0) this.fail('malformed', error.message);
      else if (!this.retryStale()) this.fail('reset', 'connection closed without a response');
      return;
    }
    this.complete(response);
  }

  private onError(socket: Socket, error: NodeJS.ErrnoException): void {
    if (socket !== this.socket) return;
    this.socket = null;
    socket.destroy();
    if (!this.current) return;
    const { kind, error: message } = classifyError(error);
    if (kind === 'reset' && this.parser!.received === 0 && this.retryStale()) return;
    this.fail(kind, message);
  }

  /**
   * A kept-alive connection the server closed before reading our request is not the server's
   * failure; browsers and `requests` resend once on a fresh connection, and so do we.
   */
  private retryStale(): boolean {
    if (!this.reused || this.retried) return false;
    this.retried = true;
    this.send();
    return true;
  }

  private complete(response: ParsedResponse): void {
    const current = this.current!;
    const { recorder, keepAlive } = this.engine.ctx;
    const end = nowMs();
    this.current = null;
    if (!keepAlive || !response.reusable) this.close();
    if (statusOk(current.task, response.status)) {
      recorder.success(current.task.method, current.name, this.startMs, end, response.bodyBytes);
    } else {
      recorder.failure(current.task.method, current.name, 'status', `HTTP ${response.status}`, end);
    }
    this.after();
  }

  private fail(kind: FailureKind, error: string): void {
    const current = this.current!;
    this.current = null;
    this.engine.ctx.recorder.failure(current.task.method, current.name, kind, error, nowMs());
    this.after();
  }

  private after(): void {
    this.engine.settled();
    const pause = thinkMs(this.engine.ctx.wait);
    if (this.engine.stopping) return;
    if (pause > 0) this.thinking = setTimeout(() => this.next(), pause);
    else this.next();
  }
}
