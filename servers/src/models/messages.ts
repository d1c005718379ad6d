/** Main thread → worker thread, per connection `id`. */
export type ToThread =
  | { t: 'open'; id: number }
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
  | { t: 'destroy'; id: number };

/** Primary → worker process; a socket or the listening server travels as the message's handle. */
export type ToProcess = { t: 'connection' } | { t: 'server' } | { t: 'drain' };

/** Worker process → primary. */
export type FromProcess = { t: 'ready' };

/** A copy that owns its memory, so it can be transferred to another thread without cloning a pooled slab. */
export function ownedBytes(chunk: Uint8Array): Uint8Array {
  const copy = new Uint8Array(chunk.byteLength);
  copy.set(chunk);
  return copy;
}
