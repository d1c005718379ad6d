/** Main thread → worker thread, per connection `id`. */
export type ToThread =
  /** `prefix`: bytes already read from the connection (see HeadGate). */
  | { t: 'open'; id: number; prefix: Uint8Array }
  | { t: 'data'; id: number; chunk: Uint8Array }
  | { t: 'end'; id: number }
  | { t: 'close'; id: number }
  | { t: 'ack'; id: number; bytes: number }
  | { t: 'drain' };

/** Worker thread → main thread: bytes to write to the socket, and how to finish it; `ready` once loaded. */
export type FromThread =
  | { t: 'ready' }
  | { t: 'write'; id: number; chunk: Uint8Array }
  | { t: 'end'; id: number }
  | { t: 'destroy'; id: number }
  /** Stop or restart reading the socket: the thread's connection is not reading what it was sent. */
  | { t: 'pause'; id: number }
  | { t: 'resume'; id: number };

/**
 * Primary → worker process; a socket or the listening server travels as the message's handle.
 * `prefix` (base64) holds bytes the primary already read from the socket; `lend` asks a prefork worker
 * to send its listening server back, so the primary can hand it to a replacement worker.
 */
export type ToProcess =
  | { t: 'connection'; prefix?: string }
  | { t: 'server' }
  | { t: 'lend' }
  | { t: 'drain' };

/** Worker process → primary; `server` carries the listening server as its handle (answer to `lend`). */
export type FromProcess = { t: 'ready' } | { t: 'server' };

/** A copy that owns its memory, so it can be transferred to another thread without cloning a pooled slab. */
export function ownedBytes(chunk: Uint8Array): Uint8Array {
  const copy = new Uint8Array(chunk.byteLength);
  copy.set(chunk);
  return copy;
}
