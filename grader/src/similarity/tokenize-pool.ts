import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SimilarityError } from './errors.js';
import type { Unit } from './tokenize.js';
import type { SimilarityLanguage, SourceFile } from './types.js';

export interface TokenizeRequest {
  language: SimilarityLanguage;
  jobs: SourceFile[][];
}

export type TokenizeReply = { units: Unit[][] } | { error: string };

/** Below this many submissions a second process costs more than it saves. */
const perProcessMinimum = 150;

const workerEntry = fileURLToPath(new URL('./tokenize-worker.ts', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function runChild(request: TokenizeRequest): Promise<Unit[][]> {
  return new Promise((resolve, reject) => {
    const child = fork(workerEntry, [], {
      execArgv: ['--import', tsxLoader],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let reply: TokenizeReply | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.once('message', (message: TokenizeReply) => {
      reply = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (reply !== undefined && 'units' in reply) return resolve(reply.units);
      const why = reply?.error ?? (stderr.trim().split('\n').at(-1) || `exit code ${code}`);
      reject(new SimilarityError('SIMILARITY_TOKENIZER_FAILED', `could not tokenise submissions: ${why}`));
    });
    child.send(request);
  });
}

/**
 * Tokenises each job (one submission's files) in child processes. tree-sitter's Node wrapper breaks
 * when evaluated twice in one process (jest's per-file module registries) and several Dolos grammar
 * addons are not context-aware, so worker threads cannot load them twice either; a child process
 * per call is isolated from both, and on 2+ cores large classes are split across two.
 */
export async function tokenizeAll(language: SimilarityLanguage, jobs: SourceFile[][]): Promise<Unit[][]> {
  const processes = Math.max(
    1,
    Math.min(availableParallelism(), 2, Math.floor(jobs.length / perProcessMinimum)),
  );
  const size = Math.ceil(jobs.length / processes);
  const slices = Array.from({ length: processes }, (_, i) => jobs.slice(i * size, (i + 1) * size));
  const results = await Promise.all(slices.map((slice) => runChild({ language, jobs: slice })));
  return results.flat();
}
