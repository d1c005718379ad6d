import net, { type Socket } from 'node:net';
import { nowMs } from '../clock.js';
import type { EndpointAcc, Recorder } from '../recorder.js';
import type { FailureKind } from '../result.js';
import { type Task, taskName, weightedPicker } from '../scenario.js';
import { classifyError, type Engine, type EngineContext, requestBytes, statusOk, thinkMs } from './engine.js';
import { redirectTarget } from './redirect.js';
import { MalformedResponse, type ParsedResponse, ResponseParser } from './response-parser.js';

interface Prepared {
  task: Task;
  name: string;
  /** Looked up at the first outcome, so tasks never drawn do not show as empty rows. */
  endpoint: EndpointAcc | null;
  bytes: Buffer;
}

/** Open model: a request that found every connection busy and waits for one. */
interface Queued {
  scheduledMs: number;
  prepared: Prepared;
}

/** requests' limit (`Session.max_redirects`), so the count matches Locust's HttpUser. */
const MAX_REDIRECTS = 30;

/**
 * The engine on `node:net`: one socket per user, kept alive while the server allows it, a new
 * connection per request otherwise. Reads what students' servers send (see response-parser.ts).
 * Every request is written once: whatever ends it before a full response is its failure.
 */
export class LenientEngine implements Engine {
  readonly name = 'lenient';
  readonly users: LenientUser[] = [];
  readonly pick: () => Prepared;
  /** Every socket of this thread reads into this buffer; the parser copies what it keeps. */
  readonly readBuffer = Buffer.allocUnsafe(64 * 1024);
  stopping = false;
  /** Requests started and not yet counted. */
  inFlight = 0;
  private readonly idleUsers: LenientUser[] = [];
  private readonly queue: Queued[] = [];
  private queueHead = 0;
  private idle: (() => void) | null = null;
  private ready: LenientUser[] = [];
  private holding: LenientUser[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private readonly redirects = new Map<string, Prepared>();

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
    if (this.ctx.open) this.release(user);
    else user.next();
  }

  arrive(scheduledMs: number): void {
    if (this.stopping || !this.ctx.budget.take()) return;
    const prepared = this.pick();
    const user = this.idleUsers.pop();
    if (user) {
      user.begin(prepared, scheduledMs);
      return;
    }
    this.ctx.recorder.lateStarts++;
    this.queue.push({ scheduledMs, prepared });
  }

  /** Open model: a connection is free; it takes the oldest waiting request or waits itself. */
  release(user: LenientUser): void {
    const next = this.dequeue();
    if (next) user.begin(next.prepared, next.scheduledMs);
    else {
      this.idleUsers.push(user);
      this.checkIdle();
    }
  }

  drain(): Promise<void> {
    this.stopping = true;
    for (const user of this.users) user.stopThinking();
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(backstop);
        clearInterval(this.sweeper);
        for (const user of this.users) user.close();
        resolve();
      };
      // The sweep ends every request by its timeout; this only guards against a lost event.
      const backstop = setTimeout(() => {
        const now = nowMs();
        for (const user of this.users) user.checkTimeout(now, true);
        this.expireQueued(now, true);
        finish();
      }, this.ctx.timeoutMs + 2000);
      this.idle = finish;
      this.checkIdle();
    });
  }

  /** Closed-loop users send their next request once every response of this poll is read, as wrk does. */
  soon(user: LenientUser): void {
    this.ready.push(user);
    if (this.ready.length === 1) setImmediate(this.flush);
  }

  /**
   * Holds a user across one more poll before it touches its kept-alive connection again: a FIN or
   * stray bytes the server already sent are read first (urllib3 checks a pooled socket for
   * readability before reuse for the same reason).
   */
  afterNextPoll(user: LenientUser): void {
    this.holding.push(user);
    if (this.holding.length === 1) setImmediate(this.arm);
  }

  private readonly flush = () => {
    const users = this.ready;
    this.ready = [];
    for (const user of users) user.next();
  };

  private readonly arm = () => {
    const users = this.holding;
    this.holding = [];
    // Queued from inside an immediate, this runs in the next loop turn, after its poll phase.
    setImmediate(() => {
      for (const user of users) user.confirm();
    });
  };

  /** A request's bytes after a redirect to `path`, cached per method and path. */
  redirected(from: Prepared, status: number, path: string): Prepared {
    const keepsMethod = status === 307 || status === 308 || from.task.method === 'HEAD';
    const method = keepsMethod ? from.task.method : 'GET';
    const key = `${method} ${path}`;
    let prepared = this.redirects.get(key);
    if (!prepared) {
      const task: Task = { ...from.task, method, path, body: keepsMethod ? from.task.body : undefined };
      prepared = {
        task,
        name: from.name,
        endpoint: null,
        bytes: requestBytes(task, this.ctx.target.host, this.ctx.keepAlive),
      };
      this.redirects.set(key, prepared);
    }
    return prepared;
  }

  /** Bookkeeping when a request is counted, whatever its outcome. */
  settled(): void {
    this.inFlight--;
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.inFlight > 0 || this.queueHead < this.queue.length) return;
    if (this.stopping) this.idle?.();
    else if (this.ctx.budget.remaining <= 0) this.ctx.onExhausted();
  }

  private dequeue(): Queued | undefined {
    if (this.queueHead >= this.queue.length) return undefined;
    const next = this.queue[this.queueHead++]!;
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
    return next;
  }

  /** Waiting requests past their timeout fail where they wait: they were due, and never served. */
  private expireQueued(now: number, all = false): void {
    const { timeoutMs, recorder } = this.ctx;
    while (this.queueHead < this.queue.length) {
      const head = this.queue[this.queueHead]!;
      if (!all && now - head.scheduledMs <= timeoutMs) break;
      this.queueHead++;
      const error = `timeout after ${timeoutMs / 1000}s (no free connection)`;
      recorder.failure(
        endpointOf(head.prepared, recorder),
        'timeout',
        error,
        now,
        head.scheduledMs,
        recorder.users,
      );
    }
    this.checkIdle();
  }

  private sweep(): void {
    const now = nowMs();
    for (const user of this.users) user.checkTimeout(now);
    if (this.ctx.open) this.expireQueued(now);
  }
}

function endpointOf(prepared: Prepared, recorder: Recorder): EndpointAcc {
  prepared.endpoint ??= recorder.endpoint(prepared.task.method, prepared.name);
  return prepared.endpoint;
}

/** Where a user's one socket object is between connections. */
type Link = 'closed' | 'connecting' | 'open' | 'closing';

/** A complete response waiting one poll for proof that nothing follows it on the connection. */
interface Held {
  status: number;
  bodyBytes: number;
  endMs: number;
}

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
  /** The request being sent or awaited (after a redirect, the hop in progress). */
  private current: Prepared | null = null;
  /** The request as drawn: it names the endpoint whatever the redirects. */
  private origin: Prepared | null = null;
  private scheduledMs = 0;
  private sentMs = 0;
  private usersAtSend = 0;
  private hops = 0;
  private held: Held | null = null;
  /** The request waits for the previous connection's 'close' before reconnecting. */
  private pending = false;
  /** The server closed the kept-alive connection between requests (FIN read before the next write). */
  private closedWhileIdle = false;
  private thinking: NodeJS.Timeout | null = null;

  constructor(private readonly engine: LenientEngine) {}

  /** Closed model: the next request of this user's loop. */
  next(): void {
    this.thinking = null;
    if (this.engine.stopping || !this.engine.ctx.budget.take()) return;
    this.begin(this.engine.pick(), nowMs());
  }

  begin(prepared: Prepared, scheduledMs: number): void {
    this.current = prepared;
    this.origin = prepared;
    this.scheduledMs = scheduledMs;
    this.hops = 0;
    this.engine.inFlight++;
    this.sentMs = nowMs();
    this.usersAtSend = this.engine.ctx.recorder.users;
    this.send();
  }

  /** After a poll: counts the held response, or sends the redirect's next hop. */
  confirm(): void {
    const held = this.held;
    if (held) {
      this.held = null;
      this.record(held);
      this.after(true);
    } else if (this.current) this.send();
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

  /** The timeout runs from the first send, redirects included. */
  checkTimeout(now: number, force = false): void {
    const { timeoutMs } = this.engine.ctx;
    if (this.current && (force || now - this.sentMs > timeoutMs)) {
      this.pending = false;
      this.close();
      this.fail('timeout', `timeout after ${timeoutMs / 1000}s`);
    }
  }

  private send(): void {
    this.parser.reset(this.current!.task.method === 'HEAD');
    if (this.closedWhileIdle) {
      this.closedWhileIdle = false;
      this.engine.ctx.recorder.retries++;
    }
    if (this.link === 'closing') {
      this.pending = true;
      return;
    }
    if (this.link === 'closed') this.connect();
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
    if (this.link !== 'open') return;
    if (!this.current) {
      this.strayBytes(chunk.length);
      return;
    }
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

  /** Bytes after a complete response make it malformed; the connection cannot be trusted again. */
  private strayBytes(count: number): void {
    this.close();
    if (!this.held) return;
    this.held = null;
    this.current = this.origin;
    this.fail('malformed', `${count} byte(s) after the end of the response (Content-Length too small?)`);
  }

  private onEnd(): void {
    if (this.link === 'open') this.hungUp();
  }

  /** The server ended the connection: completes a close-delimited response or fails the request. */
  private hungUp(): void {
    this.close();
    if (!this.current) {
      this.closedWhileIdle = true;
      return;
    }
    let response: ParsedResponse;
    try {
      response = this.parser.end();
    } catch (error) {
      if (!(error instanceof MalformedResponse)) throw error;
      this.fail(this.parser.received > 0 ? 'malformed' : 'closed', error.message);
      return;
    }
    this.complete(response, nowMs());
  }

  private onError(error: NodeJS.ErrnoException): void {
    if (this.link !== 'open' && this.link !== 'connecting') return;
    this.close();
    if (!this.current) return;
    const { kind, error: message } = classifyError(error);
    this.fail(kind, message);
  }

  private onClose(): void {
    // Closed without 'end' or 'error' first (a destroy we did not ask for): as if the server hung up.
    if (this.link === 'open' || this.link === 'connecting') this.hungUp();
    this.link = 'closed';
    // A write queued during a connect that failed stays attached to the socket (net's
    // once('connect') hook) and would replay on the next connect: such a socket is replaced.
    if (!this.opened) this.socket = null;
    if (this.pending && this.current) {
      this.pending = false;
      this.send();
    }
  }

  private complete(response: ParsedResponse, endMs: number): void {
    const { keepAlive, follow, target } = this.engine.ctx;
    const reuse = keepAlive && response.reusable;
    if (!reuse) this.close();
    const path = follow ? redirectTarget(response, this.current!.task.path, target.host) : null;
    if (path !== null) {
      if (this.hops === MAX_REDIRECTS) {
        this.close();
        this.fail('other', `more than ${MAX_REDIRECTS} redirects`);
        return;
      }
      this.hops++;
      this.current = this.engine.redirected(this.current!, response.status, path);
      if (reuse) this.engine.afterNextPoll(this);
      else this.send();
      return;
    }
    this.current = null;
    const held = { status: response.status, bodyBytes: response.bodyBytes, endMs };
    if (reuse) {
      this.held = held;
      this.engine.afterNextPoll(this);
      return;
    }
    this.record(held);
    this.after(false);
  }

  private record({ status, bodyBytes, endMs }: Held): void {
    const origin = this.origin!;
    const { recorder, timeoutMs } = this.engine.ctx;
    const endpoint = endpointOf(origin, recorder);
    const fail = (kind: FailureKind, error: string) =>
      recorder.failure(endpoint, kind, error, endMs, this.scheduledMs, this.usersAtSend, bodyBytes);
    // The sweep runs every quarter second: a response it had not yet cut off is late all the same.
    if (endMs - this.sentMs > timeoutMs) fail('timeout', `timeout after ${timeoutMs / 1000}s`);
    else if (statusOk(origin.task, status))
      recorder.success(endpoint, this.scheduledMs, this.sentMs, endMs, bodyBytes);
    else fail('status', `HTTP ${status}`);
  }

  private fail(kind: FailureKind, error: string): void {
    this.current = null;
    const { recorder } = this.engine.ctx;
    recorder.failure(
      endpointOf(this.origin!, recorder),
      kind,
      error,
      nowMs(),
      this.scheduledMs,
      this.usersAtSend,
    );
    this.after(false);
  }

  /** `batched`: already in the phase where writes go out together, so the next request goes now. */
  private after(batched: boolean): void {
    const { engine } = this;
    engine.settled();
    if (engine.ctx.open) {
      engine.release(this);
      return;
    }
    if (engine.stopping) return;
    const pause = thinkMs(engine.ctx.wait);
    if (pause > 0) this.thinking = setTimeout(() => this.next(), pause);
    else if (batched) this.next();
    else engine.soon(this);
  }
}
