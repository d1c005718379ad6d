import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LabError, messageOf } from '../errors.js';

/** Writes to a temp file beside the target, then renames: a reader never sees half a file. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new LabError(
      'LAB_OUTPUT',
      `cannot write ${path}: ${messageOf(error)} — check --out points to a writable directory`,
    );
  }
}
