import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GraderError } from '../errors.js';

/**
 * Writes beside the target then renames, so a reader never sees half a file and a failure leaves the old one.
 * Failures become GRADER_OUTPUT_FAILED naming the file.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new GraderError('GRADER_OUTPUT_FAILED', `cannot write ${file} (${reason}): choose another --out`);
  }
}
