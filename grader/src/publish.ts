import path from 'node:path';
import { GraderError } from './errors.js';
import { readGradesCsv } from './outputs/grades-file.js';
import { writeFileAtomic } from './outputs/atomic-write.js';
import type { GradeRow } from './outputs/grade-rows.js';
import { gradesCsv } from './outputs/grades-csv.js';
import { type LmsGradebook, lmsGradebookCsv } from './outputs/lms-gradebook.js';
import { publishSheetColumns } from './outputs/grade-sheet.js';
import { sheetXlsx } from './outputs/sheet-xlsx.js';
import { maskName, maskStudentId } from './mask.js';

export type PublishedRow = Partial<GradeRow> & Omit<GradeRow, 'flags' | 'notes'>;

export interface PublishOptions {
  /** Keep flags and notes (ids and the student's own name in notes masked); left out by default. */
  withFlags?: boolean;
}

/**
 * What a posted sheet says about what it leaves out. Flags are left out by default because beside a masked id
 * in a class whose ids share a prefix, `COPY` can still name the student.
 */
export function publishNote(o: PublishOptions): string {
  return o.withFlags
    ? 'flags and notes included (--with-flags); ids and names in notes are masked'
    : 'flags and notes left out (a flag such as COPY beside a masked id can still name a student); pass --with-flags to include them';
}

/** Masks ids and names, sorts by the real id (so the order matches the TA's sheet); flags and notes on request. */
export function publishRows(rows: GradeRow[], o: PublishOptions = {}): PublishedRow[] {
  return [...rows]
    .sort((a, b) => (a.student_id < b.student_id ? -1 : a.student_id > b.student_id ? 1 : 0))
    .map((r) => ({
      student_id: maskStudentId(r.student_id),
      name: maskName(r.name),
      score: r.score,
      max_points: r.max_points,
      late_days: r.late_days,
      ...(o.withFlags ? { flags: r.flags, notes: maskNotes(r) } : {}),
    }));
}

/** Ids (runs of 5+ digits, as discovery reads them) and the student's own name, masked wherever they appear. */
function maskNotes(r: GradeRow): string {
  const masked = r.notes.replace(/\d{5,}/g, (id) => maskStudentId(id));
  return r.name.trim() ? masked.replaceAll(r.name.trim(), maskName(r.name)) : masked;
}

/** Writes the masked sheet as .xlsx or .csv, chosen by the output's extension. */
export async function publishGrades(
  gradesFile: string,
  outFile: string,
  o: PublishOptions = {},
): Promise<PublishedRow[]> {
  const ext = path.extname(outFile).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') {
    throw new GraderError('GRADER_USAGE', `--out ${outFile}: use a .xlsx or .csv file name`);
  }
  const rows = publishRows(await readGradesCsv(gradesFile), o);
  const columns = publishSheetColumns(o.withFlags ?? false);
  const data =
    ext === '.csv'
      ? gradesCsv(
          rows as Record<string, string>[],
          columns.map((c) => c.key),
        )
      : await sheetXlsx('grades', columns, rows as Record<string, string>[], publishNote(o));
  await writeFileAtomic(outFile, data);
  return rows;
}

/** Writes the gradebook import CSV an LMS reads (`--lms`): the validated rows, unmasked, one score column. */
export async function publishLms(
  gradesFile: string,
  outFile: string,
  lms: LmsGradebook,
  column: string,
): Promise<GradeRow[]> {
  if (path.extname(outFile).toLowerCase() !== '.csv')
    throw new GraderError('GRADER_USAGE', `--out ${outFile}: an LMS gradebook import is a .csv file`);
  const rows = await readGradesCsv(gradesFile);
  await writeFileAtomic(outFile, lmsGradebookCsv(lms, rows, column));
  return rows;
}
