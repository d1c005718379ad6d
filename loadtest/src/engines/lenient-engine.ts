import net, { type Socket } from 'node:net';
import { nowMs } from '../clock.js';
import type { EndpointAcc, Recorder } from '../recorder.js';
import type { FailureKind } from '../result.js';
import { taskName, type Task, weightedPicker } from '../scenario.js';
import { classifyError, type Engine, type EngineContext, requestBytes, statusOk, thinkMs } from './engine.js';
import { MalformedResponse, type ParsedResponse, ResponseParser } from './response-parser.js';

interface Prepared {
  task: Task;
  name: string;
  /** Looked up at the first outcome, so tasks never drawn do not show as empty rows. */
  endpoint: EndpointAcc | null;
  bytes: Buffer;
}

/**
 * The engine on `node:net`: one socket per user, kept alive while the server allows it, a new
 * connection per request otherwise. Reads what students' servers send (see response-parser.ts).
 */
export class LenientEngine implements Engine {
  readonly name = 'lenient';
  readonly users: LenientUser[] = [];
  readonly pick: () => Prepared;
  /** Every socket of this thread reads into this buffer; the parser copies what it keeps. */
  readonly readBuffer = Buffer.allocUnsafe(64 * 1024);
  stopping = false;
  inFlight = 0;
  private idle: (() => void) | null = null;
  private ready: LenientUser[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly ctx: EngineContext) {
    const prepared: Prepared[] = ctx.tasks.map((task) => ({
      task,
      name: taskName(task),
      endpoint: null,
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

  /**
   * Closed-loop users send their next request once every response of this poll is read, as wrk
   * does: the writes go out together after the reads instead of interleaving with them.
   */
  soon(user: LenientUser): void {
    this.ready.push(user);
    if (this.ready.length === 1) setImmediate(this.flush);
  }

  private readonly flush = () => {
    const users = this.ready;
    this.ready = [];
    for (const user of users) user.next();
  };

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

function endpointOf(prepared: Prepared, recorder: Recorder): EndpointAcc {
  prepared.endpoint ??= recorder.endpoint(prepared.task.method, prepared.name);
  return prepared.endpoint;
}

/** Where a user's one socket object is between connections. */
type Link = 'closed' | 'connecting' | 'open' | 'closing';

/**
 * A user owns one `net.Socket` for the whole run and reconnects that same object after each
 * 'close' (`socket.connect` is documented for exactly that), reading into the engine's shared
 * buffer (`onread`) rather than a new Buffer per read: building a socket and its streams per
 * connection, and a Buffer per response, cost more than the system calls themselves (bench/run.ts).
 */
class LenientUser {
  private socket: Socket | null = null;
  private link: Link = 'closed';
  /** The current connection got as far as 'connect'. */
  private opened = false;
  private readonly parser = new ResponseParser();
  private current: Prepared | null = null;
  private startMs = 0;
  /** The request waits for the previous connection's 'close' before reconnecting. */
  private pending = false;
  private reused = false;
  private retried = false;
  private thinking: NodeJS.Timeout | null = null;

  constructor(private readonly engine: LenientEngine) {}

  next(): void {
    this.thinking = null;
    const { ctx } = this.engine;
    if (this.engine.stopping || !ctx.budget.take()) return;
    this.current = this.engine.pick();
    this.retried = false;
    this.engine.inFlight++;
    this.send();
  }

  stopThinking(): void {
    if (this.thinking) clearTimeout(this.thinking);
    this.thinking = null;
  }

  close(): void {
    if (this.link === 'closed' || this.link === 'closing') return;
    this.link = 'closing';
    this.socket!.destroy();
  }

  checkTimeout(now: number): void {
    const { timeoutMs } = this.engine.ctx;
    if (this.current && now - this.startMs > timeoutMs) {
      this.pending = false;
      this.close();
      this.fail('timeout', `timeout after ${timeoutMs / 1000}s`);
    }
  }

  private send(): void {
    this.parser.reset(this.current!.task.method === 'HEAD');
    // Timed from here even while it waits for the last connection to close (the timeout sweep reads it).
    this.startMs = nowMs();
    if (this.link === 'closing') {
      this.pending = true;
      return;
    }
    this.reused = this.link !== 'closed';
    if (!this.reused) this.connect();
    this.socket!.write(this.current!.bytes);
  }

  private connect(): void {
    const { hostname: host, port } = this.engine.ctx.target;
    this.link = 'connecting';
    this.opened = false;
    if (this.socket) {
      this.socket.connect({ host, port, noDelay: true });
      return;
    }
    const { readBuffer } = this.engine;
    const socket = net.connect({
      host,
      port,
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (length) => {
          // The clock is read before parsing: the response arrived now, however long we take.
          this.onData(readBuffer.subarray(0, length), nowMs());
          return true;
        },
      },
    });
    socket.on('connect', () => {
      this.opened = true;
      if (this.link === 'connecting') this.link = 'open';
    });
    socket.on('end', () => this.onEnd());
    socket.on('error', (error) => this.onError(error));
    socket.on('close', () => this.onClose());
    this.socket = socket;
  }

  private onData(chunk: Buffer, atMs: number): void {
    if (this.link !== 'open' || !this.current) return;
    let response: ParsedResponse | null;
    try {
      response = this.parser.feed(chunk);
    } catch (error) {
      if (!(error instanceof MalformedResponse)) throw error;
      this.close();
      this.fail('malformed', error.message);
      return;
    }
    if (response) this.complete(response, atMs);
  }

  private onEnd(): void {
    if (this.link === 'open') this.hungUp();
  }

  /** The server ended the connection: completes a close-delimited response or fails the request. */
  private hungUp(): void {
    this.close();
    if (!this.current) return;
    let response: ParsedResponse;
    try {
      response = this.parser.end();
    } catch (error) {
      if (!(error instanceof MalformedResponse)) throw error;
      if (this.parser.received > 0) this.fail('malformed', error.message);
      else if (!this.retryStale()) this.fail('reset', 'connection closed without a response');
      return;
    }
    this.complete(response, nowMs());
  }

  private onError(error: NodeJS.ErrnoException): void {
    if (this.link !== 'open' && this.link !== 'connecting') return;
    this.close();
    if (!this.current) return;
    const { kind, error: message } = classifyError(error);
    if (kind === 'reset' && this.parser.received === 0 && this.retryStale()) return;
    this.fail(kind, message);
  }

  private onClose(): void {
    // Closed without 'end' or 'error' first (a destroy we did not ask for): as if the server hung up.
    if (this.link === 'open' || this.link === 'connecting') this.hungUp();
    this.link = 'closed';
    // A write queued during a connect that failed stays attached to the socket (net's
    // once('connect') hook) and would replay on the next connect: such a socket is replaced.
    if (!this.opened) this.socket = null;
    if (this.pending && this.current && !this.engine.stopping) {
      this.pending = false;
      this.send();
    }
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

  private complete(response: ParsedResponse, end: number): void {
    const current = this.current!;
    const { recorder, keepAlive } = this.engine.ctx;
    this.current = null;
    if (!keepAlive || !response.reusable) this.close();
    const endpoint = endpointOf(current, recorder);
    if (statusOk(current.task, response.status)) {
      recorder.success(endpoint, this.startMs, end, response.bodyBytes);
    } else {
      recorder.failure(endpoint, 'status', `HTTP ${response.status}`, end);
    }
    this.after();
  }

  private fail(kind: FailureKind, error: string): void {
    const current = this.current!;
    this.current = null;
    const { recorder } = this.engine.ctx;
    recorder.failure(endpointOf(current, recorder), kind, error, nowMs());
    this.after();
  }

  private after(): void {
    this.engine.settled();
    if (this.engine.stopping) return;
    const pause = thinkMs(this.engine.ctx.wait);
    if (pause > 0) this.thinking = setTimeout(() => this.next(), pause);
    else this.engine.soon(this);
  }
}
