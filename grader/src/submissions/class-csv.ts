import { formatPath } from '@netlab/kit';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { GraderError } from '../errors.js';

const nfc = (s: string) => s.normalize('NFC').trim();
const StudentId = z.string().transform(nfc).pipe(z.string().min(1, 'student_id is empty'));
const IsoWithOffset = z.iso.datetime({
  offset: true,
  message: 'must be ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00',
});

export const ManifestRow = z.object({
  student_id: StudentId,
  name: z.string().transform(nfc).default(''),
  submitted_at: IsoWithOffset,
});
export const RosterRow = z.object({ student_id: StudentId, name: z.string().transform(nfc).default('') });
export const ExtensionRow = z.object({ student_id: StudentId, deadline: IsoWithOffset });

export type ManifestRow = z.infer<typeof ManifestRow>;
export type RosterRow = z.infer<typeof RosterRow>;
export type ExtensionRow = z.infer<typeof ExtensionRow>;

/**
 * The records of a class CSV (BOM, CRLF and Hangul welcome), headers passed through `header`; an unreadable file
 * or broken CSV becomes one line naming the file.
 */
export async function readCsvRecords(
  file: string,
  what: string,
  header: (column: string) => string,
  /** Rows may be shorter or longer than the header (LMS exports with optional trailing columns). */
  ragged = false,
): Promise<Record<string, string>[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new GraderError('GRADER_INPUT_MISSING', `${what} ${file} cannot be read: check the path`);
  }
  try {
    return parse(text, {
      columns: (h: string[]) => h.map(header),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: ragged,
    });
  } catch (error) {
    throw new GraderError(
      'GRADER_CSV_INVALID',
      `${what} ${file} is not valid CSV: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/** Reads a class CSV and validates every row; the first bad row becomes one line naming the file, row and column. */
export async function readClassCsv<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T[]> {
  const records = await readCsvRecords(file, what, (c) => c.trim().toLowerCase());
  return records.map((record, i) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const column = issue ? formatPath(issue.path) : '?';
    throw new GraderError(
      'GRADER_CSV_INVALID',
      `${what} ${file} row ${i + 2}: column ${column} ${issue?.message ?? 'is invalid'}`,
    );
  });
}
