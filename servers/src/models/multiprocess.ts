import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { forkWorker, sendTo, stopChild, whenGone } from './children.js';
import { listenServer } from './listen.js';
import type { ModelOptions, ModelServer } from './types.js';
import { WaitingRoom } from './waiting-room.js';

/** Descriptors kept free for starting a child (its IPC channel and pipes). */
const DESCRIPTOR_RESERVE = 16;

/**
 * multiprocess: a new child process for every connection (the seeds' Process(target=…)).
 * The parent accepts without reading (pauseOnConnect), forks, and hands the socket over with
 * child.send({ t: 'connection' }, socket); Node closes the parent's copy once the child has it, so the
 * client sees the end of the response when the child closes (the seeds kept that copy and the last client
 * hung). At most `workers` children live at once; later connections wait their turn.
 */
export function createMultiprocessServer(options: ModelOptions): ModelServer {
  const children = new Set<ChildProcess>();
  const waiting = new WaitingRoom(DESCRIPTOR_RESERVE, () => startNext());
  let stopping = false;

  function startNext(): void {
    while (!stopping && children.size < options.workers) {
      const socket = waiting.take();
      if (!socket) return;
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
      sendTo(child, { t: 'connection' }, socket, () => socket.destroy());
    }
  }

  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    waiting.add(socket);
    startNext();
  });

  return {
    listen: (port, host) => listenServer(server, port, host, options.log),
    async close() {
      stopping = true;
      server.close();
      waiting.clear();
      await Promise.all([...children].map(stopChild));
    },
    livePids: () => [...children].flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    liveThreads: () => 0,
  };
}
