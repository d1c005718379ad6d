import net from 'node:net';
import { HeadGate } from './head-gate.js';
import { listenServer } from '../net/listen.js';
import type { ModelOptions, ModelServer } from './types.js';
import { type Arrival, WaitingRoom } from './waiting-room.js';

/** A process or thread started for one connection. */
export interface Started {
  /** Settles when it has exited (or never started). */
  gone: Promise<void>;
  /** Finish the connection, then exit; settles once it has. */
  stop(): Promise<void>;
}

/**
 * The part multiprocess and multithread share: hold each connection until its first request head is in
 * (HeadGate: a slow client must not occupy a worker slot), start one worker per connection, at most
 * `workers` alive, the rest waiting unread for a slot.
 */
export function perConnection<W extends Started>(
  options: ModelOptions,
  descriptorReserve: number,
  start: (arrival: Arrival) => W,
): Pick<ModelServer, 'listen' | 'close'> & { live: ReadonlySet<W> } {
  const live = new Set<W>();
  const waiting = new WaitingRoom(descriptorReserve, options.idleTimeoutMs, () => startNext());
  let stopping = false;

  function startNext(): void {
    while (!stopping && live.size < options.workers) {
      const arrival = waiting.take();
      if (!arrival) return;
      const worker = start(arrival);
      live.add(worker);
      void worker.gone.then(() => {
        live.delete(worker);
        arrival.socket.destroy();
        startNext();
      });
    }
  }

  const gate = new HeadGate(options, (socket, prefix) => {
    waiting.add(socket, prefix);
    startNext();
  });
  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => gate.admit(socket));

  return {
    live,
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      stopping = true;
      server.close();
      gate.clear();
      waiting.clear();
      await Promise.all([...live].map((worker) => worker.stop()));
    },
  };
}
