import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ServeError } from '../errors.js';
import { normalizeId } from './roster.js';

export const ATTENDANCE_COLUMNS = ['student_id', 'ip', 'time'] as const;

/**
 * The attendance sheet on disk. Each accepted row is appended with its own write(2) before the
 * student is told OK, so a killed server loses nothing it has confirmed; restarting on the same
 * file keeps the "once per student" rule.
 */
export class AttendanceLog {
  private readonly present = new Set<string>();

  constructor(private readonly file: string) {
    if (!existsSync(file)) {
      this.append(ATTENDANCE_COLUMNS);
      return;
    }
    let rows: string[][];
    try {
      rows = parse(readFileSync(file, 'utf8'), {
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true,
      });
    } catch (error) {
      throw new ServeError(
        'SERVER_OUTPUT_INVALID',
        `${file} exists but is not CSV (${(error as Error).message}): move it or pick another --out`,
      );
    }
    if (rows[0]?.join(',') !== ATTENDANCE_COLUMNS.join(',')) {
      throw new ServeError(
        'SERVER_OUTPUT_INVALID',
        `${file} exists but is not an attendance sheet (header ${ATTENDANCE_COLUMNS.join(',')}): move it or pick another --out`,
      );
    }
    for (const row of rows.slice(1)) if (row[0]) this.present.add(normalizeId(row[0]));
  }

  has(id: string): boolean {
    return this.present.has(id);
  }

  /** Records a student once; returns false if they were already recorded. */
  record(id: string, ip: string, time: Date): boolean {
    if (this.present.has(id)) return false;
    this.append([id, ip, time.toISOString()]);
    this.present.add(id);
    return true;
  }

  private append(row: readonly string[]): void {
    try {
      appendFileSync(this.file, stringify([row as string[]]));
    } catch (error) {
      throw new ServeError('SERVER_OUTPUT_INVALID', `cannot write ${this.file}: ${(error as Error).message}`);
    }
  }
}
