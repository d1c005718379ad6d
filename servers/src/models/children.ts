import { type ChildProcess, fork } from 'node:child_process';
import type net from 'node:net';
import type { ToProcess } from './messages.js';
import type { WorkerOptions } from './types.js';
import { bundledEntry } from '@netlab/kit';

/** A drained worker that has not exited after this long is killed: shutdown must end, whatever a worker does. */
const REAP_GRACE_MS = 5000;

/** Starts a worker process on the bundled entry; its stderr is ours, its stdout is not needed. */
export function forkWorker(options: WorkerOptions): ChildProcess {
  return fork(bundledEntry(new URL('./process-worker.ts', import.meta.url)), [JSON.stringify(options)], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/**
 * Sends a socket or server to a worker; `onFail` runs if it cannot arrive (the worker never started —
 * out of descriptors or processes — or has gone).
 */
export function sendTo(
  child: ChildProcess,
  message: ToProcess,
  handle: net.Socket | net.Server,
  onFail: () => void,
): void {
  if (!child.connected) {
    onFail();
    return;
  }
  child.send(message, handle, { keepOpen: false }, (error) => {
    if (error) onFail();
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
 * Asks a worker to finish its connections and exit, and waits until it has (as Python's Process.join());
 * a worker that outstays the grace period is killed, so shutdown always ends.
 */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.connected) child.send({ t: 'drain' } satisfies ToProcess);
  const timer = setTimeout(() => child.kill('SIGKILL'), REAP_GRACE_MS);
  await whenGone(child);
  clearTimeout(timer);
}
