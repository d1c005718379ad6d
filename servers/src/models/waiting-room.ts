import type net from 'node:net';
import { descriptorLimit, descriptorsInUse } from './descriptors.js';

/** A connection ready to be served, with the bytes of it already read (see HeadGate). */
export interface Arrival {
  socket: net.Socket;
  prefix: Buffer;
}

/**
 * Accepted connections waiting, unread, for their turn — the user-space end of the listen queue.
 * With a descriptor reserve (models that open descriptors to start a worker), `take` first makes sure
 * that many are free, shedding the newest waiting connections if not, as libuv sheds its accept queue:
 * Node leaks descriptors when a fork or thread start fails with EMFILE, so starting one at the limit
 * would leave the server stuck there.
 */
export class WaitingRoom {
  private readonly queue: (Arrival & { since: number })[] = [];
  private readonly limit: number;

  /**
   * @param maxWaitMs a connection that waited longer is dropped when its turn comes instead of being
   *   served: after a storm its client has most likely gone, and starting a worker for it wastes a slot.
   */
  constructor(
    private readonly reserve: number,
    private readonly maxWaitMs: number,
    private readonly retry: () => void,
  ) {
    this.limit = reserve > 0 ? descriptorLimit() : Number.POSITIVE_INFINITY;
  }

  add(socket: net.Socket, prefix: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.queue.push({ socket, prefix, since: Date.now() });
  }

  /** The next live connection, or undefined: none waiting, or descriptors are being freed (retry comes). */
  take(): Arrival | undefined {
    if (this.queue.length > 0 && Number.isFinite(this.limit)) {
      const excess = descriptorsInUse() + this.reserve - this.limit;
      if (excess > 0) {
        for (const { socket } of this.queue.splice(Math.max(1, this.queue.length - excess))) socket.destroy();
        // Closing completes on the next turn of the loop; only then are the descriptors back.
        setImmediate(this.retry);
        return undefined;
      }
    }
    const oldest = Date.now() - this.maxWaitMs;
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      if (next.since >= oldest && !next.socket.destroyed) return next;
      next.socket.destroy();
    }
    return undefined;
  }

  /** Resets every waiting connection, as the kernel does to its listen queue when the socket closes. */
  clear(): void {
    for (const { socket } of this.queue.splice(0)) socket.destroy();
  }
}
