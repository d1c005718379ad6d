import { type ChildProcess, fork } from 'node:child_process';
import type { WorkerOptions } from './types.js';
import { workerBundle } from './worker-bundle.js';

/** A drained worker that has not exited after this long is killed: shutdown must end, whatever a worker does. */
const REAP_GRACE_MS = 5000;

/** Starts a worker process on the bundled entry; its stderr is ours, its stdout is not needed. */
export function forkWorker(options: WorkerOptions): ChildProcess {
  return fork(workerBundle('process-worker'), [JSON.stringify(options)], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** Resolves once the child has exited, or turned out never to have started (EMFILE, EAGAIN). */
export function whenGone(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => {
      if (child.pid === undefined) resolve();
    });
  });
}

/**
 * Asks a worker to finish its connections and exit, and waits until it has (the seeds' join());
 * a worker that outstays the grace period is killed, so shutdown always ends.
 */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.connected) child.send({ t: 'drain' });
  const timer = setTimeout(() => child.kill('SIGKILL'), REAP_GRACE_MS);
  await whenGone(child);
  clearTimeout(timer);
}
