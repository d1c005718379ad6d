import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PairScore, SourceFile, Submission } from '../../src/similarity/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'similarity');

export function fixture(path: string): SourceFile {
  return { path, content: readFileSync(join(fixtures, path), 'utf8') };
}

export function submission(id: string, ...paths: string[]): Submission {
  return { id, files: paths.map(fixture) };
}

export function pairOf(pairs: readonly PairScore[], a: string, b: string): PairScore {
  const found = pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  if (found === undefined) throw new Error(`no pair ${a}/${b} among ${pairs.length}`);
  return found;
}

export function scoreOf(pairs: readonly PairScore[], a: string, b: string): number {
  const { similarity } = pairOf(pairs, a, b);
  if (similarity === null) throw new Error(`pair ${a}/${b} has no score`);
  return similarity;
}

/** 1-based line range of a Python `def name` up to the line before the next top-level statement. */
export function functionLines(file: SourceFile, name: string): { start: number; end: number } {
  const lines = file.content.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`def ${name}(`));
  if (start < 0) throw new Error(`${file.path} has no def ${name}`);
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || /^\s/.test(lines[end] ?? ''))) end++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return { start: start + 1, end };
}
