/** The "method and code" section quotes the key part of each server's source: found, not hand-copied. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { LabResults } from '../results.js';

export interface Excerpt {
  title: string;
  /** Shown under the code: the path relative to the repository or the working directory. */
  path: string;
  firstLine: number;
  lines: string[];
}

const MAX_LINES = 40;
const require = createRequire(import.meta.url);

function serversSrc(): string | null {
  try {
    return dirname(require.resolve('@netlab/servers'));
  } catch {
    return null;
  }
}

/** Where the interesting code starts: the first exported function/class (TS) or def/class (Python), with its comment. */
function keyStart(lines: string[], python: boolean): number {
  const decl = python ? /^(def|class|async def) / : /^export (default )?(async )?(function|class|const)/;
  let start = lines.findIndex((l) => decl.test(l));
  if (start < 0) return 0;
  while (start > 0 && /^\s*(\/\*\*|\*|\/\/|#)/.test(lines[start - 1]!)) start--;
  return start;
}

export function excerptFile(path: string, title: string, root: string): Excerpt | null {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const start = keyStart(lines, path.endsWith('.py'));
  const slice = lines.slice(start, start + MAX_LINES);
  while (slice.length && slice.at(-1)!.trim() === '') slice.pop();
  return { title, path: relative(root, path) || path, firstLine: start + 1, lines: slice };
}

/** The first file named like the directory, else the first .ts file in it. */
function mainFileOf(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  return files.find((f) => f.startsWith('server')) ?? files[0] ?? null;
}

/** A student's `--server "python3 my_server.py"`: the first argument that is an existing file. */
function studentFile(command: string, cwd: string): string | null {
  for (const word of command.split(/\s+/).slice(1)) {
    const path = isAbsolute(word) ? word : resolve(cwd, word);
    if (/\.(py|js|ts|java|c)$/.test(word) && existsSync(path)) return path;
  }
  return null;
}

export function excerptsFor(results: LabResults, cwd = process.cwd()): Excerpt[] {
  const src = serversSrc();
  const root = src ? resolve(src, '..', '..') : cwd;
  const found: (Excerpt | null)[] = [];
  if (src) {
    if (results.week === 2) {
      for (const dir of ['echo', 'attendance']) {
        const file = mainFileOf(join(src, dir));
        if (file) found.push(excerptFile(join(src, dir, file), `${dir} server (reference)`, root));
      }
    }
    if (results.week === 3) {
      found.push(excerptFile(join(src, 'http', 'handler.ts'), 'request handler (reference)', root));
      found.push(
        excerptFile(join(src, 'http', 'resolve-path.ts'), 'path resolution, no traversal (reference)', root),
      );
    }
    const models = [
      ...new Set(results.stress.filter((r) => r.subject.origin === 'reference').map((r) => r.subject.name)),
    ];
    for (const model of models)
      found.push(excerptFile(join(src, 'models', `${model}.ts`), `${model} model (reference)`, root));
  }
  const commands = new Set(
    [...results.stress.map((r) => r.subject), ...results.checks.map((c) => c.subject)]
      .filter((s) => s.origin === 'student' && s.command)
      .map((s) => s.command!),
  );
  for (const command of commands) {
    const file = studentFile(command, cwd);
    if (file) found.push(excerptFile(file, 'your server', cwd));
  }
  return found.filter((e): e is Excerpt => e !== null);
}
