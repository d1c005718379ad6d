import { perConnection } from './per-connection.js';
import { ThreadHost } from './thread-host.js';
import type { ModelOptions, ModelServer } from './types.js';
import { workerOptions } from './worker-options.js';

/** Descriptors kept free for starting a thread (its own event loop: epoll and eventfds). */
const DESCRIPTOR_RESERVE = 24;

/**
 * multithread: a new worker thread for every connection, ended when that connection closes.
 * The socket stays on the main thread (see ThreadHost); the thread parses and answers.
 * At most `workers` threads live at once; later connections wait, unread, for a free slot.
 */
export function createMultithreadServer(options: ModelOptions): ModelServer {
  const { live, listen, close } = perConnection(options, DESCRIPTOR_RESERVE, ({ socket, prefix }) => {
    const thread = new ThreadHost(workerOptions(options, true), options.log);
    thread.attach(socket, prefix);
    return {
      gone: thread.exited,
      stop: () => {
        thread.drain();
        return thread.exited;
      },
    };
  });
  return { listen, close, livePids: () => [], liveThreads: () => live.size };
}
