import net from 'node:net';
import { serveConnection } from '../http/connection.js';
import { createHandler } from '../http/handler.js';
import { ConnectionSet } from './connection-set.js';
import { listenServer } from '../net/listen.js';
import type { ModelOptions, ModelServer } from './types.js';

/**
 * select: one thread multiplexes every socket. Node's event loop is libuv polling with epoll — the same
 * idea as select(): wait until any socket is readable or writable, then do that socket's next bit of work.
 */
export function createSelectServer(options: ModelOptions): ModelServer {
  const handle = createHandler(options.handler);
  const connections = new ConnectionSet();
  const server = net.createServer({ noDelay: true }, (socket) => {
    connections.add(serveConnection(socket, handle, options));
  });
  return {
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      server.close();
      await connections.drain();
    },
    livePids: () => [],
    liveThreads: () => 0,
  };
}
