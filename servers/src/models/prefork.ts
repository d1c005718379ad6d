import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { forkWorker, sendTo, stopChild, whenGone } from './children.js';
import { listenServer } from './listen.js';
import type { FromProcess } from './messages.js';
import type { Address, ModelOptions, ModelServer } from './types.js';

/**
 * prefork: a fixed pool of worker processes started before any client arrives. The primary binds the
 * listening socket and sends it to every worker (child.send('server', server)); each worker then accepts
 * on it directly and the primary closes its own copy. No connection passes through the primary — unlike
 * node:cluster's default round-robin, whose primary accepts every connection and ships it to a worker.
 */
export function createPreforkServer(options: ModelOptions): ModelServer {
  const children = new Set<ChildProcess>();
  let stopping = false;

  const stop = async (): Promise<void> => {
    stopping = true;
    await Promise.all([...children].map(stopChild));
  };

  const startWorker = (server: net.Server): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = forkWorker({
        handler: options.handler,
        idleTimeoutMs: options.idleTimeoutMs,
        once: false,
      });
      children.add(child);
      void whenGone(child).then(() => {
        children.delete(child);
        if (!stopping)
          options.log(
            `prefork worker ${child.pid} exited (${child.signalCode ?? child.exitCode}); ${children.size} left`,
          );
        reject(new Error(`prefork worker ${child.pid} exited before it was ready`));
      });
      child.on('message', (message: FromProcess) => {
        if (message.t === 'ready') resolve();
      });
      sendTo(child, { t: 'server' }, server, () => reject(new Error('could not start a prefork worker')));
    });

  return {
    async listen(port, host): Promise<Address> {
      // Until every worker holds the socket, the primary parks connections unread and passes them on.
      const early: net.Socket[] = [];
      const server = net.createServer({ pauseOnConnect: true }, (socket) => early.push(socket));
      const address = await listenServer(server, port, host, options.log);
      try {
        await Promise.all(Array.from({ length: options.workers }, () => startWorker(server)));
      } catch (error) {
        await stop();
        throw error;
      } finally {
        server.close();
      }
      const pool = [...children.values()];
      early.forEach((socket, i) => {
        sendTo(pool[i % pool.length]!, { t: 'connection' }, socket, () => socket.destroy());
      });
      return address;
    },
    close: stop,
    livePids: () => [...children].flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    liveThreads: () => 0,
  };
}
