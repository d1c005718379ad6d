import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { forkWorker, sendTo, stopChild, whenGone } from './children.js';
import { listenServer } from '../net/listen.js';
import type { FromProcess } from './messages.js';
import type { Address } from '../net/listen.js';
import type { ModelOptions, ModelServer } from './types.js';
import { workerOptions } from './worker-options.js';

/** A worker that keeps dying is restarted no faster than this: a crash loop must not eat the machine. */
const RESPAWN_DELAY_MS = 200;

/**
 * prefork: a fixed pool of worker processes started before any client arrives. The primary binds the
 * listening socket and sends it to every worker (child.send('server', server)); each worker then accepts
 * on it directly and the primary closes its own copy. No connection passes through the primary — unlike
 * node:cluster's default round-robin, whose primary accepts every connection and ships it to a worker.
 * A worker that dies is replaced, as Apache's prefork does: the primary borrows the listening socket back
 * from a live worker (or binds the port again if none is left) and hands it to the new one.
 */
export function createPreforkServer(options: ModelOptions): ModelServer {
  const children = new Set<ChildProcess>();
  const ready = new Set<ChildProcess>();
  let stopping = false;
  let address: Address | undefined;
  // Connections the primary accepted while no worker was ready: parked unread, never dropped.
  const parked: net.Socket[] = [];
  // One replacement at a time: two at once would both bind the port afresh and one would fail.
  let replacing: Promise<void> = Promise.resolve();

  const stop = async (): Promise<void> => {
    stopping = true;
    for (const socket of parked.splice(0)) socket.destroy();
    await Promise.all([...children].map(stopChild));
  };

  /** Sends connections the primary itself accepted (while it held the socket) on to a worker. */
  const passOn = (socket: net.Socket): void => {
    const pool = [...ready];
    const worker = pool[Math.floor(Math.random() * pool.length)];
    if (worker) sendTo(worker, { t: 'connection' }, socket, () => socket.destroy());
    else if (stopping) socket.destroy();
    else parked.push(socket);
  };

  const startWorker = (server: net.Server): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = forkWorker(workerOptions(options, false));
      children.add(child);
      void whenGone(child).then(() => {
        children.delete(child);
        const wasReady = ready.delete(child);
        reject(new Error(`prefork worker ${child.pid} exited before it was ready`));
        if (stopping || !wasReady) return;
        options.log(
          `prefork worker ${child.pid} exited (${child.signalCode ?? child.exitCode}); starting a replacement`,
        );
        setTimeout(() => queueReplace(), RESPAWN_DELAY_MS);
      });
      child.on('message', (message: FromProcess) => {
        if (message.t !== 'ready') return;
        ready.add(child);
        parked.splice(0).forEach(passOn);
        resolve();
      });
      sendTo(child, { t: 'server' }, server, () => reject(new Error('could not start a prefork worker')));
    });

  /** The listening socket, from a live worker or bound afresh; connections it accepts here are passed on. */
  const borrowServer = async (): Promise<net.Server> => {
    const lender = [...ready].find((child) => child.connected);
    const server = lender
      ? await new Promise<net.Server>((resolve, reject) => {
          const onMessage = (message: FromProcess, handle?: unknown): void => {
            if (message.t !== 'server' || !(handle instanceof net.Server)) return;
            lender.off('message', onMessage);
            resolve(handle);
          };
          lender.on('message', onMessage);
          lender.send({ t: 'lend' }, (error) => error && reject(error));
        })
      : net.createServer({ pauseOnConnect: true });
    server.on('connection', passOn);
    if (!lender && address) await listenServer(server, address.port, address.host, options.log);
    return server;
  };

  const replace = async (): Promise<void> => {
    if (stopping) return;
    let server: net.Server | undefined;
    try {
      server = await borrowServer();
      if (stopping) return;
      await startWorker(server);
      options.log(`prefork: replacement worker ready (${ready.size} of ${options.workers} serving)`);
    } catch (error) {
      options.log(`prefork: could not replace a worker: ${(error as Error).message}; retrying`);
      if (!stopping) setTimeout(() => queueReplace(), RESPAWN_DELAY_MS * 5);
    } finally {
      server?.close();
    }
  };

  const queueReplace = (): void => {
    replacing = replacing.then(replace);
  };

  return {
    async listen(port, host): Promise<Address> {
      // Until the workers hold the socket, the primary accepts, parks connections unread and passes them on.
      const server = net.createServer({ pauseOnConnect: true }, passOn);
      address = await listenServer(server, port, host, options.log);
      try {
        await Promise.all(Array.from({ length: options.workers }, () => startWorker(server)));
      } catch (error) {
        await stop();
        throw error;
      } finally {
        server.close();
      }
      return address;
    },
    close: stop,
    livePids: () => [...children].flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    liveThreads: () => 0,
  };
}
