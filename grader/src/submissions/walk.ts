import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface SubmittedFile {
  /** NFC, `/`-separated, relative to the submission's root. */
  rel: string;
  /** Where it really is on disk (may be NFD). */
  abs: string;
}

export const IGNORED_NAMES = new Set(['manifest.csv', '__MACOSX', 'Thumbs.db', 'desktop.ini']);

/** Regular files only (no links, no hidden or macOS metadata), sorted by NFC path for determinism. */
export async function walk(root: string, prefix: string, notes: string[]): Promise<SubmittedFile[]> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(path.join(root, prefix), { withFileTypes: true });
  } catch {
    notes.push(`folder ${prefix || '.'} could not be read`);
    return [];
  }
  const out: SubmittedFile[] = [];
  for (const d of dirents) {
    const name = d.name.normalize('NFC');
    if (name.startsWith('.') || IGNORED_NAMES.has(name)) continue;
    const relDisk = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await walk(root, relDisk, notes)));
    else if (d.isFile()) out.push({ rel: relDisk.normalize('NFC'), abs: path.join(root, relDisk) });
  }
  return out.sort(byRel);
}

export function byRel(a: SubmittedFile, b: SubmittedFile): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
}
