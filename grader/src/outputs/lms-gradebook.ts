import type { GradeRow } from './grade-rows.js';
import { gradesCsv } from './grades-csv.js';

export const LMS_GRADEBOOKS = ['canvas', 'moodle'] as const;
export type LmsGradebook = (typeof LMS_GRADEBOOKS)[number];

/**
 * The CSV each LMS's gradebook import reads (grader/README.md cites the code). Rows carry the real student
 * numbers: the file is imported by the instructor, never posted. Canvas's importer takes `SIS User ID` only when
 * `SIS Login ID` follows it and the student columns end with `Section`; it matches a row by `ID` (Canvas's own user
 * id, which grades.csv does not hold, so empty), then `SIS User ID`, `SIS Login ID`, then the name. Moodle's import
 * maps the `ID number` column to the users' ID number field and the score column to a grade item.
 */
export function lmsGradebookCsv(lms: LmsGradebook, rows: readonly GradeRow[], column: string): string {
  if (lms === 'canvas') {
    const columns = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', column];
    return gradesCsv(
      rows.map((r) => ({ Student: r.name, 'SIS User ID': r.student_id, [column]: r.score })),
      columns,
    );
  }
  return gradesCsv(
    rows.map((r) => ({ 'ID number': r.student_id, [column]: r.score })),
    ['ID number', column],
  );
}
