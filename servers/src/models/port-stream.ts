import { Duplex } from 'node:stream';
import { type FromThread, ownedBytes } from './messages.js';

/** Bytes a thread may have in flight to the main thread before its writes wait for acknowledgements. */
const WINDOW_BYTES = 256 * 1024;

/**
 * Inside a worker thread, stands in for the socket the thread cannot hold: bytes the main thread read
 * from the client are pushed in, and whatever the handler writes is posted back to be written there.
 * Writes past the window wait for the main thread's acks, so a large file streams with backpressure.
 */
export class PortStream extends Duplex {
  private outstanding = 0;
  private blocked: (() => void) | undefined;
  private sourcePaused = false;

  constructor(
    private readonly id: number,
    private readonly post: (message: FromThread, transfer?: ArrayBuffer[]) => void,
  ) {
    super();
  }

  /** Bytes the main thread read from the client (null: it half-closed). */
  receive(chunk: Buffer | null): void {
    // Past the readable buffer's high-water mark the connection is not keeping up: stop the socket.
    if (!this.push(chunk) && chunk !== null && !this.sourcePaused) {
      this.sourcePaused = true;
      this.post({ t: 'pause', id: this.id });
    }
  }

  override _read(): void {
    if (!this.sourcePaused) return;
    this.sourcePaused = false;
    this.post({ t: 'resume', id: this.id });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const bytes = ownedBytes(chunk);
    this.post({ t: 'write', id: this.id, chunk: bytes }, [bytes.buffer as ArrayBuffer]);
    this.outstanding += bytes.byteLength;
    if (this.outstanding < WINDOW_BYTES) callback();
    else this.blocked = callback;
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.post({ t: 'end', id: this.id });
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.post({ t: 'destroy', id: this.id });
    callback(error);
  }

  /** The main thread has handed `bytes` to the kernel. */
  ack(bytes: number): void {
    this.outstanding -= bytes;
    const blocked = this.blocked;
    if (blocked && this.outstanding < WINDOW_BYTES) {
      this.blocked = undefined;
      blocked();
    }
  }
}
