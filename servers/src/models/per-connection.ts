import net from 'node:net';
import { listenServer } from './listen.js';
import type { ModelOptions, ModelServer } from './types.js';
import { WaitingRoom } from './waiting-room.js';

/** A process or thread started for one connection. */
export interface Started {
  /** Settles when it has exited (or never started). */
  gone: Promise<void>;
  /** Finish the connection, then exit; settles once it has. */
  stop(): Promise<void>;
}

/**
 * The part multiprocess and multithread share: accept without reading, start one worker per
 * connection, at most `workers` alive, the rest waiting unread for a slot.
 */
export function perConnection<W extends Started>(
  options: ModelOptions,
  descriptorReserve: number,
  start: (socket: net.Socket) => W,
): Pick<ModelServer, 'listen' | 'close'> & { live: ReadonlySet<W> } {
  const live = new Set<W>();
  const waiting = new WaitingRoom(descriptorReserve, options.idleTimeoutMs, () => startNext());
  let stopping = false;

  function startNext(): void {
    while (!stopping && live.size < options.workers) {
      const socket = waiting.take();
      if (!socket) return;
      const worker = start(socket);
      live.add(worker);
      void worker.gone.then(() => {
        live.delete(worker);
        socket.destroy();
        startNext();
      });
    }
  }

  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => {
    waiting.add(socket);
    startNext();
  });

  return {
    live,
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      stopping = true;
      server.close();
      waiting.clear();
      await Promise.all([...live].map((worker) => worker.stop()));
    },
  };
}
