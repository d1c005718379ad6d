import { createReadStream, type ReadStream } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { RequestHandler, ResponsePlan } from './handler.js';
import { parseRequest } from './parse-request.js';

/** Pipelined requests answered in one go before other connections get a turn (no one client holds the loop). */
const REQUESTS_PER_TURN = 32;
/** After this many requests a connection is closed, as nginx's keepalive_requests does: bounds what one client costs. */
export const MAX_REQUESTS_PER_CONNECTION = 1000;
/** Unparsed bytes kept in memory; beyond this the socket is not read and the client waits in the kernel. */
const MAX_BUFFERED = 64 * 1024;
/** After the last response, input is read and thrown away for this long at most (nginx's lingering_time). */
const LINGER_MS = 5000;
/**
 * While lingering, one chunk is read and dropped, then reading pauses this long: a client still flooding fills
 * its TCP window rather than this process's memory (every chunk read is a fresh buffer for the GC to collect).
 */
const LINGER_READ_GAP_MS = 20;

export interface ConnectionOptions {
  /** A connection with no request in progress is dropped after this long. */
  idleTimeoutMs: number;
  /** A request head must be complete this long after its first byte (nginx's client_header_timeout). */
  headerTimeoutMs: number;
  /** A response that makes no progress this long (the client stopped reading) is cut (nginx's send_timeout). */
  sendTimeoutMs: number;
  /** Once told to drain, a connection still open after this long is cut: shutdown always ends. */
  shutdownGraceMs: number;
}

export interface Connection {
  /** Settles when the connection is fully closed, whatever the reason. */
  done: Promise<void>;
  /** Settles when no further response will be written: closing, or closed. */
  answered: Promise<void>;
  /** Finish the request in progress, then close; close at once if idle. */
  drain(): void;
}

type State = 'reading' | 'sending' | 'lingering';
type TimerKind = 'idle' | 'header' | 'body' | 'finish' | 'linger';

const EMPTY = Buffer.alloc(0);

/**
 * Serves HTTP/1.x requests on one byte stream until either side closes it: a socket in most models,
 * a message-port stream inside a worker thread. `prefix` holds bytes already read from it (see HeadGate).
 * Every error is contained here: a reset client or a broken pipe destroys this stream and nothing else.
 * Rules that keep a hostile client from costing more than its share: requests are answered in a loop, never
 * by recursion; memory per connection is bounded (unread input stays in the kernel, bodies are discarded
 * as they arrive); every wait has a deadline that bytes trickling in cannot extend.
 */
export function serveConnection(
  stream: Duplex,
  handle: RequestHandler,
  options: ConnectionOptions,
  prefix: Buffer = EMPTY,
): Connection {
  let buffered: Buffer = prefix;
  let skipping = 0;
  let served = 0;
  let state: State = 'reading';
  let draining = false;
  let peerEnded = false;
  let closed = false;
  let scheduled = false;
  let pausedForBuffer = false;
  let file: ReadStream | undefined;

  let timer: NodeJS.Timeout | undefined;
  let timerKind: TimerKind | undefined;
  let generation = 0;
  const clearTimer = (): void => {
    generation++;
    timerKind = undefined;
    clearTimeout(timer);
  };
  /** The header deadline is set once per head: bytes trickling in do not move it. */
  const setTimer = (kind: TimerKind, ms: number): void => {
    if (kind === 'header' && timerKind === 'header') return;
    clearTimer();
    timerKind = kind;
    const armed = generation;
    // Timers run before I/O in each loop turn: after a stall (a busy machine, a slow worker start) the
    // timer could fire with the client's bytes already waiting. One more turn lets them be read first.
    timer = setTimeout(() => setImmediate(() => armed === generation && stream.destroy()), ms);
  };

  let sendTimer: NodeJS.Timeout | undefined;
  const watchSend = (): void => {
    sendTimer ??= setTimeout(() => stream.destroy(), options.sendTimeoutMs);
  };
  const progress = (): void => {
    clearTimeout(sendTimer);
    sendTimer = undefined;
  };
  let graceTimer: NodeJS.Timeout | undefined;

  let markAnswered: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    markAnswered = resolve;
  });

  const schedule = (): void => {
    if (scheduled || closed || state !== 'reading') return;
    scheduled = true;
    setImmediate(pump);
  };

  /** Close our side; keep reading (and discarding) so unread input does not turn the close into a reset. */
  function linger(): void {
    if (state === 'lingering' || closed) return;
    state = 'lingering';
    buffered = EMPTY;
    skipping = 0;
    markAnswered();
    stream.end();
    setTimer('finish', options.sendTimeoutMs);
    if (pausedForBuffer) stream.resume();
  }

  function waitForInput(): void {
    if (peerEnded || (draining && buffered.length === 0 && skipping === 0)) {
      linger();
      return;
    }
    if (skipping > 0) setTimer('body', options.idleTimeoutMs);
    else if (buffered.length === 0) setTimer('idle', options.idleTimeoutMs);
    else setTimer('header', options.headerTimeoutMs);
  }

  /** True when the next request may be read now; otherwise something else resumes the pump. */
  function afterResponse(plan: ResponsePlan): boolean {
    if (closed) return false;
    if (!plan.keepAlive || draining) {
      linger();
      return false;
    }
    state = 'reading';
    if (!stream.writableNeedDrain) return true;
    // The client is not reading its responses: read no more requests until it does.
    state = 'sending';
    watchSend();
    stream.once('drain', () => {
      state = 'reading';
      schedule();
    });
    return false;
  }

  function sendFile(plan: ResponsePlan, path: string, size: number): void {
    stream.write(plan.head);
    // Large files are streamed with backpressure, never read whole.
    const reading = createReadStream(path, { start: 0, end: size - 1 });
    file = reading;

    reading.on('error', () => stream.destroy());
    reading.on('end', () => {
      file = undefined;
      // A file cut short while being sent: its Content-Length is a promise we cannot keep, and anything
      // written next would be read as the rest of this body. Only closing tells the client.
      if (sent < size) stream.destroy();
      else if (afterResponse(plan)) schedule();
    });
    reading.pipe(stream, { end: false });
    // After pipe's own listener, so a write it just made that filled the buffer starts the send deadline.
    let sent = 0;
    reading.on('data', (chunk) => {
      sent += chunk.length;
      if (stream.writableNeedDrain) watchSend();
    });
  }

  function pump(): void {
    scheduled = false;
    for (let turn = 0; turn < REQUESTS_PER_TURN; turn++) {
      if (closed || state !== 'reading') return;
      if (pausedForBuffer && buffered.length <= MAX_BUFFERED) {
        pausedForBuffer = false;
        stream.resume();
      }
      if (skipping > 0) {
        waitForInput();
        return;
      }
      const parsed = parseRequest(buffered);
      if (parsed.kind === 'incomplete') {
        waitForInput();
        return;
      }
      clearTimer();
      served++;
      if (parsed.kind === 'request') {
        const rest = buffered.subarray(parsed.length);
        const body = Math.min(parsed.request.contentLength, rest.length);
        buffered = rest.subarray(body);
        skipping = parsed.request.contentLength - body;
      } else {
        buffered = EMPTY;
      }
      const allowKeepAlive = !draining && !peerEnded && served < MAX_REQUESTS_PER_CONNECTION;
      const plan = handle(parsed, allowKeepAlive);
      state = 'sending';
      if (plan.body.kind === 'file') {
        sendFile(plan, plan.body.path, plan.body.size);
        return;
      }
      stream.cork();
      stream.write(plan.head);
      if (plan.body.kind === 'buffer') stream.write(plan.body.data);
      stream.uncork();
      if (!afterResponse(plan)) return;
    }
    schedule();
  }

  const done = new Promise<void>((resolve) => {
    stream.on('close', () => {
      closed = true;
      clearTimer();
      progress();
      clearTimeout(graceTimer);
      file?.destroy();
      markAnswered();
      resolve();
    });
  });
  stream.on('drain', progress);
  stream.on('finish', () => {
    progress();
    if (peerEnded) stream.destroy();
    else setTimer('linger', Math.min(options.idleTimeoutMs, LINGER_MS));
  });
  stream.on('data', (chunk: Buffer) => {
    if (state === 'lingering') {
      stream.pause();
      setTimeout(() => closed || stream.resume(), LINGER_READ_GAP_MS);
      return;
    }
    let input = chunk;
    if (skipping > 0) {
      const take = Math.min(skipping, input.length);
      skipping -= take;
      input = input.subarray(take);
      if (skipping > 0) {
        setTimer('body', options.idleTimeoutMs);
        return;
      }
      if (input.length === 0) {
        if (!scheduled && state === 'reading') pump();
        return;
      }
    }
    buffered = buffered.length === 0 ? input : Buffer.concat([buffered, input]);
    if (buffered.length > MAX_BUFFERED && !pausedForBuffer) {
      pausedForBuffer = true;
      stream.pause();
    }
    if (!scheduled && state === 'reading') pump();
  });
  stream.on('end', () => {
    peerEnded = true;
    if (state === 'lingering') {
      if (stream.writableFinished) stream.destroy();
    } else if (!scheduled && state === 'reading') {
      pump();
    }
  });
  stream.on('error', () => stream.destroy());
  if (buffered.length > 0) pump();
  else setTimer('idle', options.idleTimeoutMs);
  stream.resume();

  return {
    done,
    answered,
    drain() {
      if (draining || closed) return;
      draining = true;
      graceTimer = setTimeout(() => stream.destroy(), options.shutdownGraceMs);
      if (state === 'reading' && !scheduled) pump();
    },
  };
}
