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

/** Whole top-level declarations are shown, as many as fit in this many lines; the first always shows whole. */
const MAX_LINES = 90;
const require = createRequire(import.meta.url);

function serversSrc(): string | null {
  try {
    return dirname(require.resolve('@netlab/servers'));
  } catch {
    return null;
  }
}

const COMMENT = /^\s*(\/\*\*|\*|\/\/|#)/;

/** The line where a TypeScript declaration starting at `start` ends: its braces balance, or its statement ends. */
function tsBlockEnd(lines: string[], start: number): number {
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length; i++) {
    // Strings and comments rarely hold unbalanced braces in these files; strip the obvious ones.
    const code = lines[i]!.replace(/\/\/.*$/, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '');
    for (const ch of code) {
      if (ch === '{' || ch === '(' || ch === '[') {
        depth++;
        opened = true;
      } else if (ch === '}' || ch === ')' || ch === ']') depth--;
    }
    if (opened && depth <= 0) return i;
    if (!opened && /;\s*$/.test(code)) return i;
  }
  return lines.length - 1;
}

/** The line where a Python block starting at `start` ends: before the next line at indentation 0. */
function pyBlockEnd(lines: string[], start: number): number {
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) break;
    end = i;
  }
  return end;
}

/** Top-level declarations (with the comment above each) as [first, last] line indexes. */
function declarations(lines: string[], python: boolean): Array<[number, number]> {
  const decl = python
    ? /^(def|class|async def|if __name__) /
    : /^(export )?(default )?(async )?(function|class|const|interface|type) /;
  const blocks: Array<[number, number]> = [];
  for (let i = 0; i < lines.length; i++) {
    if (!decl.test(lines[i]!)) continue;
    let first = i;
    while (first > 0 && COMMENT.test(lines[first - 1]!)) first--;
    if (python) while (first > 0 && /^@/.test(lines[first - 1]!)) first--;
    const last = python ? pyBlockEnd(lines, i) : tsBlockEnd(lines, i);
    blocks.push([first, last]);
    i = last;
  }
  return blocks;
}

/**
 * The key part of a source file, cut at declaration boundaries: from the first exported function or class
 * (TypeScript) or the first def/class (Python), whole declarations up to MAX_LINES — never half a function.
 */
export function excerptFile(path: string, title: string, root: string): Excerpt | null {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const python = path.endsWith('.py');
  const blocks = declarations(lines, python);
  const key = blocks.findIndex(([first, last]) =>
    lines
      .slice(first, last + 1)
      .some((l) =>
        python ? /^(def|class|async def) /.test(l) : /^export (default )?(async )?(function|class)/.test(l),
      ),
  );
  const chosen = key < 0 ? blocks : blocks.slice(key);
  if (chosen.length === 0) {
    const slice = lines.slice(0, MAX_LINES);
    return { title, path: relative(root, path) || path, firstLine: 1, lines: slice };
  }
  const start = chosen[0]![0];
  let end = chosen[0]![1];
  for (const [, last] of chosen.slice(1)) {
    if (last - start + 1 > MAX_LINES) break;
    end = last;
  }
  return {
    title,
    path: relative(root, path) || path,
    firstLine: start + 1,
    lines: lines.slice(start, end + 1),
  };
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
