import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { GraderError } from './errors.js';
import { writeFileAtomic } from './outputs/atomic-write.js';
import type { GradeRow } from './outputs/grade-rows.js';
import { gradesCsv } from './outputs/grades-csv.js';
import { PUBLISH_SHEET_COLUMNS } from './outputs/grade-sheet.js';
import { sheetXlsx } from './outputs/sheet-xlsx.js';
import { maskName, maskStudentId } from './mask.js';

export type PublishedRow = Omit<GradeRow, 'notes'>;

const REQUIRED = ['student_id', 'name', 'score', 'max_points', 'late_days', 'flags'] as const;

/** Masks ids and names, drops notes, sorts by the real id (so the order matches the TA's sheet). */
export function publishRows(rows: GradeRow[]): PublishedRow[] {
  return [...rows]
    .sort((a, b) => (a.student_id < b.student_id ? -1 : a.student_id > b.student_id ? 1 : 0))
    .map((r) => ({
      student_id: maskStudentId(r.student_id),
      name: maskName(r.name),
      score: r.score,
      max_points: r.max_points,
      late_days: r.late_days,
      flags: r.flags,
    }));
}

export async function readGradesCsv(file: string): Promise<GradeRow[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new GraderError(
      'GRADER_INPUT_MISSING',
      `${file} cannot be read: pass the grades.csv written by grader check`,
    );
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new GraderError(
      'GRADER_CSV_INVALID',
      `${file} is not valid CSV: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const header = Object.keys(rows[0] ?? {});
  const missing = REQUIRED.filter((c) => rows.length && !header.includes(c));
  if (missing.length) {
    throw new GraderError(
      'GRADER_CSV_INVALID',
      `${file} lacks column(s) ${missing.join(', ')}: pass the grades.csv written by grader check`,
    );
  }
  return rows.map(
    (r) =>
      ({ ...Object.fromEntries(REQUIRED.map((c) => [c, r[c] ?? ''])), notes: r.notes ?? '' }) as GradeRow,
  );
}

/** Writes the masked sheet as .xlsx or .csv, chosen by the output's extension. */
export async function publishGrades(gradesFile: string, outFile: string): Promise<PublishedRow[]> {
  const ext = path.extname(outFile).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') {
    throw new GraderError('GRADER_USAGE', `--out ${outFile}: use a .xlsx or .csv file name`);
  }
  const rows = publishRows(await readGradesCsv(gradesFile));
  const data =
    ext === '.csv' ? gradesCsv(rows, REQUIRED) : await sheetXlsx('grades', PUBLISH_SHEET_COLUMNS, rows);
  await writeFileAtomic(outFile, data);
  return rows;
}
