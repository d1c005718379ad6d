import type { ChildProcess } from 'node:child_process';
import { forkWorker, sendTo, stopChild, whenGone } from './children.js';
import { perConnection, type Started } from './per-connection.js';
import type { ModelOptions, ModelServer } from './types.js';
import { workerOptions } from './worker-options.js';

/** Descriptors kept free for starting a child (its IPC channel and pipes). */
const DESCRIPTOR_RESERVE = 16;

/**
 * multiprocess: a new child process for every connection (Python's multiprocessing.Process(target=…) per client).
 * The parent accepts without reading (pauseOnConnect), forks, and hands the socket over with
 * child.send({ t: 'connection' }, socket); Node closes the parent's copy once the child has it, so the
 * client sees the end of the response when the child closes (a parent that keeps its copy open leaves the
 * client waiting for an end that never comes). At most `workers` children live at once; later connections wait their turn.
 */
export function createMultiprocessServer(options: ModelOptions): ModelServer {
  const { live, listen, close } = perConnection(
    options,
    DESCRIPTOR_RESERVE,
    ({ socket, prefix }): Started & { child: ChildProcess } => {
      const child = forkWorker(workerOptions(options, true));
      child.on('error', () => socket.destroy());
      sendTo(child, { t: 'connection', prefix: prefix.toString('base64') }, socket, () => socket.destroy());
      return { child, gone: whenGone(child), stop: () => stopChild(child) };
    },
  );
  return {
    listen,
    close,
    livePids: () => [...live].flatMap(({ child }) => (child.pid === undefined ? [] : [child.pid])),
    liveThreads: () => 0,
  };
}
