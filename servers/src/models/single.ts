import net from 'node:net';
import { type Connection, serveConnection } from '../http/connection.js';
import { createHandler } from '../http/handler.js';
import { listenServer } from './listen.js';
import type { ModelOptions, ModelServer } from './types.js';
import { WaitingRoom } from './waiting-room.js';

/**
 * single: iterative. Take the next connection, serve it completely, close it, then take the next.
 * Node offers no blocking accept() and cannot stop polling a listening socket (readStop is a no-op on it),
 * so libuv may pull several waiting connections off the kernel's listen queue at once; they are accepted
 * paused (pauseOnConnect) and wait here unread, exactly as they would wait in the listen queue.
 * Not one byte of a second connection is read, parsed or written while one is being served.
 */
export function createSingleServer(options: ModelOptions): ModelServer {
  const handle = createHandler(options.handler);
  // No descriptor reserve: serving needs none beyond the cache, and checking costs a syscall per connection.
  const waiting = new WaitingRoom(0, options.idleTimeoutMs, () => {});
  let current: Connection | undefined;
  let stopping = false;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();

  async function loop(): Promise<void> {
    running = true;
    for (let socket = waiting.take(); socket && !stopping; socket = waiting.take()) {
      current = serveConnection(socket, handle, options);
      await current.done;
      current = undefined;
    }
    running = false;
  }

  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => {
    waiting.add(socket);
    if (!running) loopDone = loop();
  });

  return {
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      stopping = true;
      server.close();
      // Connections still waiting are like the kernel's listen queue on close: they are reset.
      waiting.clear();
      current?.drain();
      await loopDone;
    },
    livePids: () => [],
    liveThreads: () => 0,
  };
}
