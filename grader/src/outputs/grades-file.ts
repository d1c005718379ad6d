import { formatPath } from '@netlab/kit';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { GraderError } from '../errors.js';
import { FLAGS } from '../flags.js';
import type { GradeRow } from './grade-rows.js';

const REQUIRED = ['student_id', 'name', 'score', 'max_points', 'late_days', 'flags'] as const;

const number = (what: string) =>
  z.string().refine((s) => /^-?\d+(\.\d+)?$/.test(s.trim()), {
    error: (issue) => `${JSON.stringify(issue.input)} is not ${what}`,
  });

const known = new Set<string>(FLAGS);

/** A row as `grader check` writes it: every number a plain decimal, every flag one this grader knows. */
export const GradeFileRow = z.object({
  student_id: z.string().trim().min(1, 'is empty'),
  name: z.string(),
  score: number('a number (write 6, not 6점)'),
  max_points: number('a number'),
  late_days: z.string().refine((s) => /^\d+$/.test(s.trim()), {
    error: (issue) => `${JSON.stringify(issue.input)} is not a whole number of days`,
  }),
  flags: z.string().refine((s) => s.split(';').every((f) => f === '' || known.has(f.trim())), {
    error: (issue) => `${JSON.stringify(issue.input)} holds an unknown flag (known: ${FLAGS.join(', ')})`,
  }),
  notes: z.string().default(''),
});

/**
 * Reads and validates a grades.csv (publish, regrades): a missing column, a non-numeric score or an unknown flag
 * stops with one line naming the row (as a spreadsheet numbers it, the header being row 1) and the column, so
 * nothing downstream ever sees `NaN`.
 */
export async function readGradesCsv(file: string): Promise<GradeRow[]> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new GraderError(
      'GRADER_INPUT_MISSING',
      `${file} cannot be read: pass the grades.csv written by grader check`,
    );
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new GraderError(
      'GRADER_GRADES_INVALID',
      `${file} is not valid CSV: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const header = records[0]
    ? Object.keys(records[0])
    : (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').split(',');
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new GraderError(
      'GRADER_GRADES_INVALID',
      `${name} row 1 (header): column(s) ${missing.join(', ')} missing — pass the grades.csv written by grader check`,
    );
  }
  return records.map((record, i) => {
    const parsed = GradeFileRow.safeParse(record);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const who = record.student_id ? ` (student ${record.student_id})` : '';
    throw new GraderError(
      'GRADER_GRADES_INVALID',
      `${name} row ${i + 2}${who}, column ${issue ? formatPath(issue.path) : '?'}: ${issue?.message ?? 'is invalid'} — fix the cell or rerun grader check`,
    );
  });
}
