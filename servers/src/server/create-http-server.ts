import path from 'node:path';
import { zodIssuesLine } from '@netlab/kit';
import { ServeError } from '../errors.js';
import { createMultiprocessServer } from '../models/multiprocess.js';
import { createMultithreadServer } from '../models/multithread.js';
import { createPreforkServer } from '../models/prefork.js';
import { createSelectServer } from '../models/select.js';
import { createSingleServer } from '../models/single.js';
import { createThreadpoolServer } from '../models/threadpool.js';
import type { Model, ModelOptions, ModelServer } from '../models/types.js';
import { defaultWorkers, type HttpServerOptions, httpServerOptionsSchema } from './options.js';

const FACTORIES: Record<Model, (options: ModelOptions) => ModelServer> = {
  single: createSingleServer,
  multiprocess: createMultiprocessServer,
  prefork: createPreforkServer,
  multithread: createMultithreadServer,
  threadpool: createThreadpoolServer,
  select: createSelectServer,
};

export type HttpServer = ModelServer;

/** Builds the HTTP file server under one concurrency model; nothing listens until `listen` is called. */
export function createHttpServer(input: HttpServerOptions): HttpServer {
  const parsed = httpServerOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const rootOnly = parsed.error.issues.every((issue) => issue.path[0] === 'root');
    throw new ServeError(
      rootOnly ? 'SERVER_ROOT_INVALID' : 'SERVER_BAD_ARGS',
      zodIssuesLine(parsed.error.issues),
    );
  }
  const options = parsed.data;
  return FACTORIES[options.model]({
    handler: {
      root: path.resolve(options.root),
      keepAlive: options.keepAlive,
      maxBodyBytes: options.maxBodyBytes,
    },
    idleTimeoutMs: options.idleTimeoutMs,
    headerTimeoutMs: options.headerTimeoutMs,
    sendTimeoutMs: options.sendTimeoutMs,
    shutdownGraceMs: options.shutdownGraceMs,
    workers: options.workers ?? defaultWorkers(options.model),
    log: options.log ?? ((line) => void process.stderr.write(`${line}\n`)),
  });
}
