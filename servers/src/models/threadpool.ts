import net from 'node:net';
import { listenServer } from './listen.js';
import { ThreadHost } from './thread-host.js';
import type { Address, ModelOptions, ModelServer } from './types.js';

/**
 * threadpool: a fixed pool of worker threads started up front; each new connection goes to the thread
 * serving the fewest. As in multithread the socket stays on the main thread and its bytes travel by message.
 */
export function createThreadpoolServer(options: ModelOptions): ModelServer {
  const pool = new Set<ThreadHost>();
  const exited: Promise<void>[] = [];

  const server = net.createServer({ noDelay: true }, (socket) => {
    let thread: ThreadHost | undefined;
    for (const candidate of pool) if (!thread || candidate.load < thread.load) thread = candidate;
    if (thread) thread.attach(socket);
    else socket.destroy();
  });

  const stop = async (): Promise<void> => {
    server.close();
    for (const thread of pool) thread.drain();
    await Promise.all(exited);
  };

  return {
    async listen(port, host): Promise<Address> {
      for (let i = 0; i < options.workers; i++) {
        const thread = new ThreadHost(
          { handler: options.handler, idleTimeoutMs: options.idleTimeoutMs, once: false },
          options.log,
        );
        pool.add(thread);
        exited.push(thread.exited.then(() => void pool.delete(thread)));
      }
      try {
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
