import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { typescriptExecArgv } from '@netlab/kit';
import { SimilarityError } from './errors.js';
import { languageRules } from './language-rules.js';
import { parserFor } from './parser.js';
import { type Tokenized, tokenizeSafely } from './tokenize.js';
import type { SimilarityLanguage, SourceFile } from './types.js';

export interface TokenizeRequest {
  id: number;
  language: SimilarityLanguage;
  jobs: SourceFile[][];
}

export type TokenizeReply = { id: number } & ({ results: Tokenized[] } | { error: string });

/** Below this many submissions a second process costs more than it saves. */
const perProcessMinimum = 150;

const workerEntry = fileURLToPath(new URL('./tokenize-worker.ts', import.meta.url));

interface Pending {
  resolve: (results: Tokenized[]) => void;
  reject: (error: Error) => void;
}

/**
 * A tokeniser child: spawning one costs ~0.7 s (tsx and the grammars), so it is reused across calls
 * that come in quick succession. Its IPC channel is referenced only while a request is pending, so
 * an idle child never keeps the parent alive; it exits when idle for a moment or when the parent goes.
 */
class TokenizerProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  alive = true;

  constructor() {
    this.child = fork(workerEntry, [], {
      execArgv: typescriptExecArgv(),
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.unref();
    this.child.channel?.unref();
    this.child.on('message', (reply: TokenizeReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.child.channel?.unref();
      if ('results' in reply) waiting?.resolve(reply.results);
      else waiting?.reject(failure(reply.error));
    });
    this.child.once('error', (error) => this.fail(failure(error.message)));
    this.child.once('exit', (code, signal) =>
      this.fail(new TokenizerExited(`tokeniser exited (${signal ?? `code ${code}`})`)),
    );
  }

  request(language: SimilarityLanguage, jobs: SourceFile[][]): Promise<Tokenized[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.channel?.ref();
      this.child.send({ id, language, jobs } satisfies TokenizeRequest);
    });
  }

  private fail(error: Error): void {
    this.alive = false;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** The child went away mid-request (it may have just timed out idle): worth one retry on a fresh one. */
class TokenizerExited extends Error {}

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
 * tree-sitter's Node wrapper patches the shared native prototypes when its module is evaluated; a
 * second evaluation in the same process (jest gives each test file a fresh module registry) chains
 * the patches and breaks them — `rootNode` comes back undefined, `parse` drops its buffer size.
 * Worker threads are no way out: several Dolos grammar addons are not context-aware.
 */
async function inProcessParser(language: SimilarityLanguage) {
  try {
    const parser = await parserFor(language);
    return parser.parse('x').rootNode === undefined ? undefined : parser;
  } catch {
    return undefined;
  }
}

/**
 * Tokenises each job (one submission's files): in this process when tree-sitter works here (the
 * CLI, the bench), otherwise in child processes, split across two for large classes on 2+ cores.
 */
export async function tokenizeAll(
  language: SimilarityLanguage,
  jobs: SourceFile[][],
  where: 'auto' | 'child' = 'auto',
): Promise<Tokenized[]> {
  const parser = where === 'auto' ? await inProcessParser(language) : undefined;
  if (parser !== undefined)
    return jobs.map((files) => tokenizeSafely(parser, languageRules[language], files));
  const processes = Math.max(
    1,
    Math.min(availableParallelism(), 2, Math.floor(jobs.length / perProcessMinimum)),
  );
  const size = Math.ceil(jobs.length / processes);
  const slices = Array.from({ length: processes }, (_, i) => jobs.slice(i * size, (i + 1) * size));
  const run = async (slice: SourceFile[][], i: number) => {
    try {
      return await processAt(i).request(language, slice);
    } catch (error) {
      if (!(error instanceof TokenizerExited)) throw error;
      return await processAt(i)
        .request(language, slice)
        .catch((again: Error) => {
          throw again instanceof SimilarityError ? again : failure(again.message);
        });
    }
  };
  const results = await Promise.all(slices.map(run));
  return results.flat();
}
