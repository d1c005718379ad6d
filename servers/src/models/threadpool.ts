import net from 'node:net';
import { listenServer } from '../net/listen.js';
import { ThreadHost } from './thread-host.js';
import type { Address } from '../net/listen.js';
import type { ModelOptions, ModelServer } from './types.js';
import { workerOptions } from './worker-options.js';

/**
 * threadpool: a fixed pool of worker threads started up front; each new connection goes to the thread
 * serving the fewest. As in multithread the socket stays on the main thread and its bytes travel by message.
 */
export function createThreadpoolServer(options: ModelOptions): ModelServer {
  const pool = new Set<ThreadHost>();
  const exited: Promise<void>[] = [];
  let stopping = false;

  const server = net.createServer({ noDelay: true }, (socket) => {
    let thread: ThreadHost | undefined;
    for (const candidate of pool) if (!thread || candidate.load < thread.load) thread = candidate;
    if (thread) thread.attach(socket);
    else socket.destroy();
  });

  const start = (): ThreadHost => {
    const thread = new ThreadHost(workerOptions(options, false), options.log);
    pool.add(thread);
    exited.push(
      thread.exited.then(() => {
        pool.delete(thread);
        if (stopping) return;
        // A thread lost mid-run is replaced, so the pool never empties and refuses everyone; the pause
        // keeps a thread that cannot start (e.g. out of descriptors) from being retried in a tight loop.
        options.log('worker thread exited; starting a replacement');
        setTimeout(() => {
          if (!stopping) start();
        }, 200).unref();
      }),
    );
    return thread;
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    server.close();
    for (const thread of pool) thread.drain();
    await Promise.all(exited);
  };

  return {
    async listen(port, host): Promise<Address> {
      try {
        const threads = Array.from({ length: options.workers }, start);
        await Promise.all(threads.map((thread) => thread.ready));
        return await listenServer(server, port, host, options.log);
      } catch (error) {
        await stop();
        throw error;
      }
    },
    close: stop,
    livePids: () => [],
    liveThreads: () => pool.size,
  };
}
