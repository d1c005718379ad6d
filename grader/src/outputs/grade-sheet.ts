import type { SheetColumn } from './sheet-xlsx.js';

export const GRADE_SHEET_COLUMNS: SheetColumn[] = [
  { key: 'student_id', header: 'student_id', width: 14 },
  { key: 'name', header: 'name', width: 14 },
  { key: 'score', header: 'score', width: 8, numeric: true },
  { key: 'max_points', header: 'max_points', width: 11, numeric: true },
  { key: 'late_days', header: 'late_days', width: 10, numeric: true },
  { key: 'flags', header: 'flags', width: 28 },
  { key: 'notes', header: 'notes', width: 80 },
];

/** What `grader publish` posts: masked ids and names, scores; flags and notes only when asked for. */
export function publishSheetColumns(withFlags: boolean): SheetColumn[] {
  return withFlags
    ? GRADE_SHEET_COLUMNS
    : GRADE_SHEET_COLUMNS.filter((c) => c.key !== 'flags' && c.key !== 'notes');
}
