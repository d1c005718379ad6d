import type { ModelOptions, WorkerOptions } from './types.js';

/** The part of a model's options a worker process or thread needs (JSON-safe: no log function). */
export function workerOptions(options: ModelOptions, once: boolean): WorkerOptions {
  return {
    handler: options.handler,
    idleTimeoutMs: options.idleTimeoutMs,
    headerTimeoutMs: options.headerTimeoutMs,
    sendTimeoutMs: options.sendTimeoutMs,
    shutdownGraceMs: options.shutdownGraceMs,
    once,
  };
}
