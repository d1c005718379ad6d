import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { writeFileAtomicSync } from './atomic-write.js';

/**
 * How TypeScript runs in another thread or process, for the whole kit. Two starts, chosen by how often a
 * worker starts:
 * - through tsx's loader (`typescriptWorker`, `typescriptExecArgv`): 300–700 ms a start, for workers that
 *   start once and live long (the load generator's threads, the grader's tokeniser and probe agent);
 * - as one pre-built CommonJS file (`bundledEntry`): plain Node's 40–150 ms, for workers started per
 *   connection (the servers' multiprocess and multithread models), which must cost what a Node process or
 *   thread costs, not a compiler. Only for entries whose imports esbuild can bundle (no native addons).
 */

/**
 * Resolved when first asked, not at load: a bundled entry is CommonJS without `import.meta.url`, and may
 * carry this module without ever starting TypeScript.
 */
const nearby = (): NodeJS.Require => createRequire(import.meta.url);
let tsxDirFound: string | undefined;
function tsxDir(): string {
  tsxDirFound ??= path.dirname(nearby().resolve('tsx/package.json'));
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

const bundles = new Map<string, string>();

/**
 * The TypeScript module `entry` bundled into one plain CommonJS file that `fork` or `new Worker` starts
 * without a loader. Built once and kept in the temp dir beside the list of its inputs with their hashes:
 * any edited input rebuilds it, and concurrent builds each write whole files by rename.
 */
export function bundledEntry(entry: URL): string {
  const source = fileURLToPath(entry);
  const known = bundles.get(source);
  if (known) return known;
  const dir = path.join(tmpdir(), 'netlab-bundles', digest(source));
  const outfile = path.join(dir, `${path.basename(source, path.extname(source))}.cjs`);
  const inputsFile = `${outfile}.inputs.json`;
  if (!upToDate(outfile, inputsFile)) build(source, outfile, inputsFile);
  bundles.set(source, outfile);
  return outfile;
}

const digest = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex').slice(0, 16);

function upToDate(outfile: string, inputsFile: string): boolean {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as Record<string, string>;
    return (
      existsSync(outfile) &&
      Object.entries(inputs).every(([file, hash]) => digest(readFileSync(file)) === hash)
    );
  } catch {
    return false;
  }
}

/**
 * Runs esbuild's own binary once and waits for it: its JavaScript API's buildSync would keep a worker thread and
 * an esbuild process (~80 MB) alive in this process for later calls, and a server builds once.
 */
function build(source: string, outfile: string, inputsFile: string): void {
  const partial = `${outfile}.${process.pid}.tmp`;
  const meta = `${partial}.meta.json`;
  mkdirSync(path.dirname(outfile), { recursive: true });
  try {
    execFileSync(
      nearby().resolve('esbuild/bin/esbuild'),
      [
        source,
        '--bundle',
        '--platform=node',
        '--format=cjs',
        '--target=node20',
        `--outfile=${partial}`,
        `--metafile=${meta}`,
        '--log-level=error',
      ],
      { cwd: path.dirname(source), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const inputs = Object.keys((JSON.parse(readFileSync(meta, 'utf8')) as Metafile).inputs).map((input) =>
      path.resolve(path.dirname(source), input),
    );
    renameSync(partial, outfile);
    writeFileAtomicSync(
      inputsFile,
      JSON.stringify(Object.fromEntries(inputs.map((file) => [file, digest(readFileSync(file))]))),
    );
  } finally {
    rmSync(partial, { force: true });
    rmSync(meta, { force: true });
  }
}

/** The part of esbuild's metafile read here: every input file, relative to the working directory. */
interface Metafile {
  inputs: Record<string, unknown>;
}
