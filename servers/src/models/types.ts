import type { ConnectionOptions } from '../http/connection.js';
import type { HandlerOptions } from '../http/handler.js';
import type { Address } from '../net/listen.js';

export const MODELS = ['single', 'multiprocess', 'prefork', 'multithread', 'threadpool', 'select'] as const;
export type Model = (typeof MODELS)[number];

/** What every model needs: the handler's options, the connection deadlines, and how many workers. */
export interface ModelOptions extends ConnectionOptions {
  handler: HandlerOptions;
  /** Pool size for prefork/threadpool; the cap on live children/threads for multiprocess/multithread. */
  workers: number;
  /** One line of operator-facing news (EMFILE, a worker that died) for stderr. */
  log: (line: string) => void;
}

/** A server built by a model: only the bin calls `listen` with user input. */
export interface ModelServer {
  listen(port: number, host: string): Promise<Address>;
  /** Stop accepting, finish in-flight requests, reap every child and thread. */
  close(): Promise<void>;
  /** PIDs of child processes alive right now (tests check none outlive `close`). */
  livePids(): number[];
  /** Worker threads alive right now. */
  liveThreads(): number;
}

/** Options a worker process or thread receives (JSON-safe). */
export interface WorkerOptions extends ConnectionOptions {
  handler: HandlerOptions;
  /** Exit after the first connection (per-connection models). */
  once: boolean;
}
