import type net from 'node:net';
import { descriptorLimit, descriptorsInUse } from './descriptors.js';

/**
 * Accepted connections waiting, unread, for their turn — the user-space end of the listen queue.
 * With a descriptor reserve (models that open descriptors to start a worker), `take` first makes sure
 * that many are free, shedding the newest waiting connections if not, as libuv sheds its accept queue:
 * Node leaks descriptors when a fork or thread start fails with EMFILE, so starting one at the limit
 * would leave the server stuck there.
 */
export class WaitingRoom {
  private readonly queue: net.Socket[] = [];
  private readonly limit: number;

  constructor(
    private readonly reserve: number,
    private readonly retry: () => void,
  ) {
    this.limit = reserve > 0 ? descriptorLimit() : Number.POSITIVE_INFINITY;
  }

  add(socket: net.Socket): void {
    socket.on('error', () => socket.destroy());
    this.queue.push(socket);
  }

  /** The next live connection, or undefined: none waiting, or descriptors are being freed (retry comes). */
  take(): net.Socket | undefined {
    if (this.queue.length > 0 && Number.isFinite(this.limit)) {
      const excess = descriptorsInUse() + this.reserve - this.limit;
      if (excess > 0) {
        for (const socket of this.queue.splice(Math.max(1, this.queue.length - excess))) socket.destroy();
        // Closing completes on the next turn of the loop; only then are the descriptors back.
        setImmediate(this.retry);
        return undefined;
      }
    }
    for (let socket = this.queue.shift(); socket; socket = this.queue.shift()) {
      if (!socket.destroyed) return socket;
    }
    return undefined;
  }

  /** Resets every waiting connection, as the kernel does to its listen queue when the socket closes. */
  clear(): void {
    for (const socket of this.queue.splice(0)) socket.destroy();
  }
}
