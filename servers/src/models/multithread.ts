import net from 'node:net';
import { listenServer } from './listen.js';
import { ThreadHost } from './thread-host.js';
import type { ModelOptions, ModelServer } from './types.js';
import { WaitingRoom } from './waiting-room.js';

/** Descriptors kept free for starting a thread (its own event loop: epoll and eventfds). */
const DESCRIPTOR_RESERVE = 24;

/**
 * multithread: a new worker thread for every connection, ended when that connection closes.
 * The socket stays on the main thread (see ThreadHost); the thread parses and answers.
 * At most `workers` threads live at once; later connections wait, unread, for a free slot.
 */
export function createMultithreadServer(options: ModelOptions): ModelServer {
  const threads = new Set<ThreadHost>();
  const waiting = new WaitingRoom(DESCRIPTOR_RESERVE, () => startNext());
  let stopping = false;

  function startNext(): void {
    while (!stopping && threads.size < options.workers) {
      const socket = waiting.take();
      if (!socket) return;
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
    waiting.add(socket);
    startNext();
  });

  return {
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      stopping = true;
      server.close();
      waiting.clear();
      for (const thread of threads) thread.drain();
      await Promise.all([...threads].map((thread) => thread.exited));
    },
    livePids: () => [],
    liveThreads: () => threads.size,
  };
}
