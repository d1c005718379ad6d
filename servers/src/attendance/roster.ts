import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ServeError } from '../errors.js';

/** Student ids are compared NFC-normalised: ids typed or saved on macOS arrive decomposed (NFD). */
export function normalizeId(id: string): string {
  return id.normalize('NFC').trim();
}

/**
 * Reads the roster: a CSV whose header names a `student_id` column (other columns are ignored).
 * A BOM (Excel's UTF-8 CSV) is accepted.
 */
export function readRoster(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ServeError('SERVER_ROSTER_INVALID', `cannot read roster ${file}: ${(error as Error).message}`);
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { bom: true, columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new ServeError(
      'SERVER_ROSTER_INVALID',
      `roster ${file} is not valid CSV: ${(error as Error).message}`,
    );
  }
  if (rows.length === 0 || !('student_id' in rows[0]!)) {
    throw new ServeError(
      'SERVER_ROSTER_INVALID',
      `roster ${file} needs a header line naming a student_id column (e.g. "student_id,name") and one row per student`,
    );
  }
  return new Set(rows.map((row) => normalizeId(row.student_id ?? '')).filter((id) => id !== ''));
}
