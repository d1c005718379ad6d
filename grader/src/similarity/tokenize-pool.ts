import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SimilarityError } from './errors.js';
import type { Unit } from './tokenize.js';
import type { SimilarityLanguage, SourceFile } from './types.js';

export interface TokenizeRequest {
  id: number;
  language: SimilarityLanguage;
  jobs: SourceFile[][];
}

export type TokenizeReply = { id: number } & ({ units: Unit[][] } | { error: string });

/** Below this many submissions a second process costs more than it saves. */
const perProcessMinimum = 150;

const workerEntry = fileURLToPath(new URL('./tokenize-worker.ts', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Pending {
  resolve: (units: Unit[][]) => void;
  reject: (error: Error) => void;
}

/**
 * A long-lived tokeniser child: spawning one costs ~0.7 s (tsx and the grammars), so it is reused
 * across calls. Its IPC channel is referenced only while a request is pending, so an idle child
 * never keeps the parent alive, and it exits when the parent goes away (disconnect).
 */
class TokenizerProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  alive = true;

  constructor() {
    this.child = fork(workerEntry, [], {
      execArgv: ['--import', tsxLoader],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.unref();
    this.child.channel?.unref();
    this.child.on('message', (reply: TokenizeReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.child.channel?.unref();
      if ('units' in reply) waiting?.resolve(reply.units);
      else waiting?.reject(failure(reply.error));
    });
    this.child.once('error', (error) => this.fail(error.message));
    this.child.once('exit', (code, signal) => this.fail(`tokeniser exited (${signal ?? `code ${code}`})`));
  }

  request(language: SimilarityLanguage, jobs: SourceFile[][]): Promise<Unit[][]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.channel?.ref();
      this.child.send({ id, language, jobs } satisfies TokenizeRequest);
    });
  }

  private fail(why: string): void {
    this.alive = false;
    for (const waiting of this.pending.values()) waiting.reject(failure(why));
    this.pending.clear();
  }
}

function failure(why: string): SimilarityError {
  return new SimilarityError('SIMILARITY_TOKENIZER_FAILED', `could not tokenise submissions: ${why}`);
}

const pool: TokenizerProcess[] = [];

function processAt(index: number): TokenizerProcess {
  let existing = pool[index];
  if (existing === undefined || !existing.alive) {
    existing = new TokenizerProcess();
    pool[index] = existing;
  }
  return existing;
}

/**
 * Tokenises each job (one submission's files) in child processes. tree-sitter's Node wrapper breaks
 * when evaluated twice in one process (jest's per-file module registries) and several Dolos grammar
 * addons are not context-aware, so worker threads cannot load them twice either; child processes
 * are isolated from both, and on 2+ cores large classes are split across two.
 */
export async function tokenizeAll(language: SimilarityLanguage, jobs: SourceFile[][]): Promise<Unit[][]> {
  const processes = Math.max(
    1,
    Math.min(availableParallelism(), 2, Math.floor(jobs.length / perProcessMinimum)),
  );
  const size = Math.ceil(jobs.length / processes);
  const slices = Array.from({ length: processes }, (_, i) => jobs.slice(i * size, (i + 1) * size));
  const results = await Promise.all(slices.map((slice, i) => processAt(i).request(language, slice)));
  return results.flat();
}
