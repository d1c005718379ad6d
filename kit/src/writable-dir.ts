import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes `dir` (and its parents) and proves a file can be written in it, before a long run whose results
 * would go there: a bad `--out` must fail in a second, not after minutes of work. The probe is written and
 * removed again; permissions alone cannot tell (root passes every access check, a read-only mount does not).
 * The error is the file system's: each package maps it to its own code.
 */
export async function writableDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const probe = path.join(dir, `.write-check-${process.pid}`);
  await writeFile(probe, '');
  await rm(probe, { force: true });
}
