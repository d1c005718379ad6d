import type { HandlerOptions } from '../http/handler.js';

export const MODELS = ['single', 'multiprocess', 'prefork', 'multithread', 'threadpool', 'select'] as const;
export type Model = (typeof MODELS)[number];

export interface Address {
  host: string;
  port: number;
}

/** What every model needs: the handler's options plus how many workers and how long to wait on idle clients. */
export interface ModelOptions {
  handler: HandlerOptions;
  idleTimeoutMs: number;
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
export interface WorkerOptions {
  handler: HandlerOptions;
  idleTimeoutMs: number;
  /** Exit after the first connection (per-connection models). */
  once: boolean;
}
