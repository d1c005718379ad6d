import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { drainChild, forkWorker, reap } from './children.js';
import { listenServer } from './listen.js';
import type { ModelOptions, ModelServer } from './types.js';

/**
 * multiprocess: a new child process for every connection (the seeds' Process(target=…)).
 * The parent accepts without reading (pauseOnConnect), forks, and hands the socket over with
 * child.send('connection', socket); Node closes the parent's copy once the child has it, so the client
 * sees the end of the response when the child closes (the seeds kept that copy and the last client hung).
 * At most `workers` children live at once; later connections wait their turn.
 */
export function createMultiprocessServer(options: ModelOptions): ModelServer {
  const children = new Map<number, ChildProcess>();
  const waiting: net.Socket[] = [];
  const reaped: Promise<void>[] = [];
  let stopping = false;

  function startNext(): void {
    while (!stopping && children.size < options.workers && waiting.length > 0) {
      const socket = waiting.shift()!;
      if (socket.destroyed) continue;
      const child = forkWorker({
        handler: options.handler,
        idleTimeoutMs: options.idleTimeoutMs,
        once: true,
      });
      const pid = child.pid ?? -1;
      children.set(pid, child);
      reaped.push(reap(child));
      child.once('exit', () => {
        children.delete(pid);
        startNext();
      });
      child.on('error', () => socket.destroy());
      child.send({ t: 'connection' }, socket, { keepOpen: false }, (error) => {
        if (error) socket.destroy();
      });
    }
  }

  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
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
      for (const child of children.values()) drainChild(child);
      await Promise.all(reaped);
    },
    livePids: () => [...children.keys()],
    liveThreads: () => 0,
  };
}
