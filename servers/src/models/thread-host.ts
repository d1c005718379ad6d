import type net from 'node:net';
import { Worker } from 'node:worker_threads';
import { type FromThread, ownedBytes, type ToThread } from './messages.js';
import type { WorkerOptions } from './types.js';
import { bundledEntry } from '@netlab/kit';

/**
 * The main-thread side of one worker thread. Node cannot move a socket into a thread, so the socket
 * stays here: every chunk read is copied into a message for the thread, and every chunk the thread
 * writes comes back as a message to write to the socket — two copies and two hops per chunk.
 */
export class ThreadHost {
  private readonly worker: Worker;
  private readonly sockets = new Map<number, net.Socket>();
  private nextId = 0;
  readonly exited: Promise<void>;
  /**
   * Settles once the thread has loaded its entry file. A thread still loading when descriptors run out
   * dies with EMFILE, so a pool waits for this before it listens; it rejects if the thread exits first.
   */
  readonly ready: Promise<void>;
  private markReady: () => void = () => {};

  constructor(
    private readonly options: WorkerOptions,
    log: (line: string) => void,
  ) {
    // execArgv: [] keeps the parent's TypeScript loader (tsx) out of the thread: it would triple the start cost.
    this.worker = new Worker(bundledEntry(new URL('./thread-worker.ts', import.meta.url)), {
      workerData: options,
      execArgv: [],
    });
    this.worker.on('message', (message: FromThread) => this.fromThread(message));
    this.worker.on('error', (error) => log(`worker thread failed: ${error.message}`));
    let failStart: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      failStart = reject;
    });
    this.ready.catch(() => {});
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        for (const socket of this.sockets.values()) socket.destroy();
        failStart(new Error(`worker thread exited with code ${code} before it was ready`));
        resolve();
      });
    });
  }

  /** Connections this thread is serving. */
  get load(): number {
    return this.sockets.size;
  }

  /** `prefix`: bytes already read from the socket. */
  attach(socket: net.Socket, prefix: Buffer = Buffer.alloc(0)): void {
    const id = this.nextId++;
    this.sockets.set(id, socket);
    const first = ownedBytes(prefix);
    this.post({ t: 'open', id, prefix: first }, [first.buffer as ArrayBuffer]);
    socket.on('data', (chunk: Buffer) => {
      // Once the thread has closed its side it only discards input: copying it across is waste.
      if (socket.writableEnded) return;
      const bytes = ownedBytes(chunk);
      this.post({ t: 'data', id, chunk: bytes }, [bytes.buffer as ArrayBuffer]);
    });
    socket.on('end', () => this.post({ t: 'end', id }));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(id);
      this.post({ t: 'close', id });
    });
    socket.resume();
  }

  drain(): void {
    this.post({ t: 'drain' });
  }

  /** Last resort when a thread will not finish: end it. */
  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private post(message: ToThread, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private fromThread(message: FromThread): void {
    if (message.t === 'ready') {
      this.markReady();
      return;
    }
    const socket = this.sockets.get(message.id);
    if (!socket) return;
    if (message.t === 'write') {
      const { chunk } = message;
      socket.write(chunk, (error) => {
        if (!error) this.post({ t: 'ack', id: message.id, bytes: chunk.byteLength });
      });
    } else if (message.t === 'end') {
      socket.end();
      socket.resume();
    } else if (message.t === 'pause') {
      socket.pause();
    } else if (message.t === 'resume') {
      if (!socket.writableEnded) socket.resume();
    } else if (socket.writableFinished || !socket.writableEnded) {
      socket.destroy();
    } else {
      // Ended but not yet flushed: let the response out first, within the idle timeout.
      socket.once('finish', () => socket.destroy());
      setTimeout(() => socket.destroy(), this.options.idleTimeoutMs).unref();
    }
  }
}
