import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { drainChild, forkWorker, reap } from './children.js';
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
  const children = new Map<number, ChildProcess>();
  const reaped: Promise<void>[] = [];
  let stopping = false;

  const startWorker = (server: net.Server): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = forkWorker({
        handler: options.handler,
        idleTimeoutMs: options.idleTimeoutMs,
        once: false,
      });
      const pid = child.pid ?? -1;
      children.set(pid, child);
      reaped.push(reap(child));
      child.once('exit', (code, signal) => {
        children.delete(pid);
        if (!stopping) options.log(`prefork worker ${pid} exited (${signal ?? code}); ${children.size} left`);
        reject(new Error(`worker ${pid} exited before it was ready`));
      });
      child.on('message', (message: FromProcess) => {
        if (message.t === 'ready') resolve();
      });
      child.send({ t: 'server' }, server);
    });

  return {
    async listen(port, host): Promise<Address> {
      // Until every worker holds the socket, the primary parks connections unread and passes them on.
      const early: net.Socket[] = [];
      const server = net.createServer({ pauseOnConnect: true }, (socket) => early.push(socket));
      const address = await listenServer(server, port, host, options.log);
      await Promise.all(Array.from({ length: options.workers }, () => startWorker(server)));
      server.close();
      const pool = [...children.values()];
      early.forEach((socket, i) => {
        pool[i % pool.length]!.send({ t: 'connection' }, socket);
      });
      return address;
    },
    async close() {
      stopping = true;
      for (const child of children.values()) drainChild(child);
      await Promise.all(reaped);
    },
    livePids: () => [...children.keys()],
    liveThreads: () => 0,
  };
}
