import { writableDir, writeFileAtomic as write } from '@netlab/kit';
import { GraderError } from '../errors.js';

function outputFailed(file: string, error: unknown): GraderError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new GraderError('GRADER_OUTPUT_FAILED', `cannot write ${file} (${reason}): choose another --out`);
}

/** The kit's atomic write, its failures turned into GRADER_OUTPUT_FAILED naming the file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await write(file, data);
  } catch (error) {
    throw outputFailed(file, error);
  }
}

/** `--out` made and proved writable before any student is graded: a bad folder fails in a second, not after the class. */
export async function writableOut(dir: string): Promise<void> {
  try {
    await writableDir(dir);
  } catch (error) {
    throw outputFailed(dir, error);
  }
}
