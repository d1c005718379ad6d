import net from 'node:net';
import { listenServer } from './listen.js';
import { ThreadHost } from './thread-host.js';
import type { ModelOptions, ModelServer } from './types.js';

/**
 * multithread: a new worker thread for every connection, ended when that connection closes.
 * The socket stays on the main thread (see ThreadHost); the thread parses and answers.
 * At most `workers` threads live at once; later connections wait, unread, for a free slot.
 */
export function createMultithreadServer(options: ModelOptions): ModelServer {
  const threads = new Set<ThreadHost>();
  const waiting: net.Socket[] = [];
  let stopping = false;

  function startNext(): void {
    while (!stopping && threads.size < options.workers && waiting.length > 0) {
      const socket = waiting.shift()!;
      if (socket.destroyed) continue;
      const thread = new ThreadHost(
        { handler: options.handler, idleTimeoutMs: options.idleTimeoutMs, once: true },
        options.log,
      );
      threads.add(thread);
      void thread.exited.then(() => {
        threads.delete(thread);
        startNext();
      });
      thread.attach(socket);
    }
  }

  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => {
    socket.on('error', () => socket.destroy());
    waiting.push(socket);
    startNext();
  });

  return {
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      stopping = true;
      server.close();
      for (const socket of waiting.splice(0)) socket.destroy();
      for (const thread of threads) thread.drain();
      await Promise.all([...threads].map((thread) => thread.exited));
    },
    livePids: () => [],
    liveThreads: () => threads.size,
  };
}
