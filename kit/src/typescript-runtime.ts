import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Resolved when first asked, not at load: the servers' worker bundle (CommonJS, no `import.meta.url`) carries
 * the kit but never starts TypeScript.
 */
let tsxDirFound: string | undefined;
function tsxDir(): string {
  tsxDirFound ??= path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return tsxDirFound;
}

/**
 * Node options that make a child process (fork, spawn of node) run TypeScript as this one does: tsx's loader
 * by absolute URL, so it is found whatever the child's working directory.
 */
export function typescriptExecArgv(): string[] {
  return ['--import', pathToFileURL(path.join(tsxDir(), 'dist/loader.mjs')).href];
}

/**
 * A worker thread running the TypeScript module `entry`. Threads inherit no loader and ignore `--import`
 * in their execArgv, so the thread first registers tsx, then imports the entry.
 */
export function typescriptWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const api = pathToFileURL(path.join(tsxDir(), 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
