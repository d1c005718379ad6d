import { writeFileAtomic as write } from '@netlab/kit';
import { GraderError } from '../errors.js';

/** The kit's atomic write, its failures turned into GRADER_OUTPUT_FAILED naming the file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await write(file, data);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new GraderError('GRADER_OUTPUT_FAILED', `cannot write ${file} (${reason}): choose another --out`);
  }
}
