import net from 'node:net';
import { serveConnection } from '../http/connection.js';
import { createHandler } from '../http/handler.js';
import { ConnectionSet } from './connection-set.js';
import { HeadGate } from './head-gate.js';
import { listenServer } from '../net/listen.js';
import type { ModelOptions, ModelServer } from './types.js';
import { WaitingRoom } from './waiting-room.js';

/**
 * single: iterative. Take the next connection, serve it completely, close it, then take the next.
 * Node offers no blocking accept() and cannot stop polling a listening socket (readStop is a no-op on it),
 * so libuv may pull several waiting connections off the kernel's listen queue at once; they wait here,
 * as they would in the listen queue, until their first request head has arrived (HeadGate, the kernel's
 * accept filter in user space). Only one connection is parsed and answered at a time; once it has had its
 * last response it closes in the background (reading and discarding, see serveConnection) and the next begins.
 */
export function createSingleServer(options: ModelOptions): ModelServer {
  const handle = createHandler(options.handler);
  // No descriptor reserve: serving needs none beyond the cache, and checking costs a syscall per connection.
  const waiting = new WaitingRoom(0, options.idleTimeoutMs, () => {});
  const closing = new ConnectionSet();
  let stopping = false;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();

  async function loop(): Promise<void> {
    running = true;
    for (let next = waiting.take(); next && !stopping; next = waiting.take()) {
      const connection = closing.add(serveConnection(next.socket, handle, options, next.prefix));
      await connection.answered;
    }
    running = false;
  }

  const gate = new HeadGate(options, (socket, prefix) => {
    waiting.add(socket, prefix);
    if (!running) loopDone = loop();
  });
  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => gate.admit(socket));

  return {
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      stopping = true;
      server.close();
      // Connections still waiting are like the kernel's listen queue on close: they are reset.
      gate.clear();
      waiting.clear();
      await Promise.all([closing.drain(), loopDone]);
    },
    livePids: () => [],
    liveThreads: () => 0,
  };
}
