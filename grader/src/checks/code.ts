import { readFile } from 'node:fs/promises';
import type { CodeSpec } from '@netlab/assignments';
import picomatch from 'picomatch';
import type { SubmittedFile } from '../submissions/discover.js';

export interface CodeFile extends SubmittedFile {
  content: string;
}

export interface CodeCollection {
  files: CodeFile[];
  notes: string[];
}

const MAX_CODE_BYTES = 1024 * 1024;

/**
 * The student's code: files matching the spec glob, decoded as UTF-8, else CP949 (Korean Windows editors), noted.
 * Unreadable or huge files are skipped with a note rather than failing the student.
 */
export async function collectCode(
  files: SubmittedFile[],
  spec: Pick<CodeSpec, 'glob'>,
): Promise<CodeCollection> {
  const isCode = picomatch(spec.glob, { dot: false, nocase: true });
  const out: CodeCollection = { files: [], notes: [] };
  for (const f of files) {
    if (!isCode(f.rel) && !isCode(f.rel.split('/').pop() ?? '')) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(f.abs);
    } catch {
      out.notes.push(`${f.rel} could not be read`);
      continue;
    }
    if (bytes.length > MAX_CODE_BYTES) {
      out.notes.push(`${f.rel} skipped: over 1 MB`);
      continue;
    }
    out.files.push({ ...f, content: decodeSource(bytes, f.rel, out.notes) });
  }
  return out;
}

function decodeSource(bytes: Buffer, rel: string, notes: string[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC');
  } catch {
    notes.push(`${rel} is not UTF-8; read as CP949`);
    return new TextDecoder('euc-kr').decode(bytes).normalize('NFC');
  }
}
