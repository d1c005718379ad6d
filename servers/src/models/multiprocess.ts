import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { forkWorker, stopChild, whenGone } from './children.js';
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
  const children = new Set<ChildProcess>();
  const waiting: net.Socket[] = [];
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
      children.add(child);
      void whenGone(child).then(() => {
        children.delete(child);
        socket.destroy();
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
      await Promise.all([...children].map(stopChild));
    },
    livePids: () => [...children].flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    liveThreads: () => 0,
  };
}
