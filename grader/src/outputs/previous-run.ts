import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { messageOf } from '@netlab/kit';
import { GraderError } from '../errors.js';
import { readGradesCsv } from './grades-file.js';
import type { CheckRow } from './checks-csv.js';
import type { GradeRow } from './grade-rows.js';
import type { PairScore } from '../similarity/index.js';

/** What a full `grader check` left in its `--out` folder: the rows a regrade keeps for everyone else. */
export interface PreviousRun {
  grades: GradeRow[];
  checks: CheckRow[];
  /** similarity.csv's pairs (their fragments are not stored: the side-by-side view takes fresh ones). */
  pairs: PairScore[];
}

/**
 * Reads the previous run in `outDir`; a folder without its grades.csv, or one graded on another number of points,
 * is not a run to regrade into.
 */
export async function readPreviousRun(outDir: string, points: number): Promise<PreviousRun> {
  const gradesFile = path.join(outDir, 'grades.csv');
  const exists = await stat(gradesFile).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) {
    throw new GraderError(
      'GRADER_NO_PREVIOUS_RUN',
      `${outDir} holds no grades.csv: run grader check on the whole class into it first, then --only`,
    );
  }
  const grades = await readGradesCsv(gradesFile);
  const other = grades.find((r) => Number(r.max_points) !== points);
  if (other) {
    throw new GraderError(
      'GRADER_NO_PREVIOUS_RUN',
      `${gradesFile} was graded out of ${other.max_points} points, this spec gives ${points}: pass the --out of a run with the same spec`,
    );
  }
  return {
    grades,
    checks: await readRows<CheckRow>(path.join(outDir, 'checks.csv')),
    pairs: (await readRows<Record<string, string>>(path.join(outDir, 'similarity.csv'))).map((r) => ({
      a: r.student_a ?? '',
      b: r.student_b ?? '',
      similarity: r.similarity ? Number(r.similarity) : null,
      ...(r.note ? { note: r.note } : {}),
      fragments: [],
    })),
  };
}

/** A CSV this grader wrote; a missing one (an older run) is empty. */
async function readRows<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  try {
    return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as T[];
  } catch (error) {
    throw new GraderError(
      'GRADER_NO_PREVIOUS_RUN',
      `${file} is not the CSV grader check writes (${messageOf(error).split('\n')[0]}): rerun the whole class`,
    );
  }
}

/**
 * Overrides live in their file, not in grades.csv: a full run into a folder whose grades.csv carried `OVERRIDE`
 * without `--overrides` drops them, and says so rather than silently.
 */
export async function overridesDropped(outDir: string): Promise<string[]> {
  const rows = await readGradesCsv(path.join(outDir, 'grades.csv')).catch(() => []);
  const n = rows.filter((r) => r.flags.split(';').includes('OVERRIDE')).length;
  return n
    ? [
        `the previous grades.csv in ${outDir} had ${n} overridden student(s); this run has no --overrides, so none is applied: rerun with --overrides <file>`,
      ]
    : [];
}
