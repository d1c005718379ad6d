import { createReadStream, type ReadStream } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { RequestHandler, ResponsePlan } from './handler.js';
import { parseRequest } from './parse-request.js';

/** While shutting down, a connection that has not sent a whole request gets this long to finish it. */
const DRAIN_GRACE_MS = 1000;

export interface ConnectionOptions {
  /** A connection with no request in progress is dropped after this long. */
  idleTimeoutMs: number;
}

export interface Connection {
  /** Settles when the connection is fully closed, whatever the reason. */
  done: Promise<void>;
  /** Finish the request in progress, then close; close at once if idle. */
  drain(): void;
}

/**
 * Serves HTTP/1.x requests on one byte stream until either side closes it: a socket in most models,
 * a message-port stream inside a worker thread. Every error is contained here: a reset client or a
 * broken pipe destroys this stream and nothing else (the seeds' BrokenPipeError killed the server).
 */
export function serveConnection(
  stream: Duplex,
  handle: RequestHandler,
  options: ConnectionOptions,
): Connection {
  let buffered: Buffer = Buffer.alloc(0);
  let busy = false;
  let draining = false;
  let peerEnded = false;
  let closed = false;
  let ending = false;
  let timer: NodeJS.Timeout | undefined;
  let file: ReadStream | undefined;

  let generation = 0;
  const disarm = (): void => {
    generation++;
    clearTimeout(timer);
  };
  const arm = (): void => {
    disarm();
    const ms = draining ? Math.min(options.idleTimeoutMs, DRAIN_GRACE_MS) : options.idleTimeoutMs;
    const armed = generation;
    // Timers run before I/O in each loop turn: after a stall (a busy machine, a slow worker start) the
    // timer could fire with the client's bytes already waiting. One more turn lets them be read first.
    timer = setTimeout(() => setImmediate(() => armed === generation && stream.destroy()), ms);
  };

  const finish = (plan: ResponsePlan): void => {
    busy = false;
    file = undefined;
    if (closed) return;
    if (!plan.keepAlive || draining) {
      end();
      return;
    }
    stream.resume();
    if (stream.writableNeedDrain) stream.once('drain', next);
    else next();
  };

  const send = (plan: ResponsePlan): void => {
    const { body } = plan;
    if (body.kind !== 'file') {
      stream.cork();
      stream.write(plan.head);
      if (body.kind === 'buffer') stream.write(body.data);
      stream.uncork();
      finish(plan);
      return;
    }
    stream.write(plan.head);
    // Large files are streamed with backpressure, never read whole.
    file = createReadStream(body.path, { start: 0, end: body.size - 1 });
    file.on('error', () => stream.destroy());
    file.on('end', () => finish(plan));
    file.pipe(stream, { end: false });
  };

  // A closed write side still waits for the peer's FIN, but never longer than the idle timeout.
  function end(): void {
    ending = true;
    stream.end();
    arm();
  }

  function next(): void {
    if (closed || busy || ending) return;
    const parsed = parseRequest(buffered);
    if (parsed.kind === 'incomplete') {
      if (peerEnded || (draining && buffered.length === 0)) end();
      else arm();
      return;
    }
    disarm();
    busy = true;
    buffered = parsed.kind === 'request' ? buffered.subarray(parsed.length) : Buffer.alloc(0);
    send(handle(parsed, !draining && !peerEnded));
  }

  const done = new Promise<void>((resolve) => {
    stream.on('close', () => {
      closed = true;
      disarm();
      file?.destroy();
      resolve();
    });
  });
  stream.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    // Pipelined requests wait in the kernel, not in memory, while a response is being written.
    if (busy) stream.pause();
    else next();
  });
  stream.on('end', () => {
    peerEnded = true;
    if (!busy) next();
  });
  stream.on('error', () => stream.destroy());
  arm();
  stream.resume();

  return {
    done,
    drain() {
      draining = true;
      if (!busy) next();
    },
  };
}
