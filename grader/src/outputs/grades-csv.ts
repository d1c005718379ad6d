import { stringify } from 'csv-stringify/sync';
import { GRADE_COLUMNS } from './grade-rows.js';

/** UTF-8 BOM so Excel opens Hangul correctly; CRLF rows as Excel writes them. */
export function gradesCsv(
  rows: Record<string, string>[],
  columns: readonly string[] = GRADE_COLUMNS,
): string {
  return `\uFEFF${stringify(rows, { header: true, columns: [...columns], record_delimiter: '\r\n' })}`;
}
