import path from 'node:path';
import type { ClassResult } from '../grade-class.js';
import { mergePairs, mergeStudentRows } from './regrade-merge.js';
import type { PreviousRun } from './previous-run.js';
import { writeFileAtomic } from './atomic-write.js';
import { CHECK_COLUMNS, checkRows } from './checks-csv.js';
import { clustersCsv } from './clusters-csv.js';
import { clustersOf } from '../similarity/index.js';
import { feedbackMarkdown } from './feedback-md.js';
import { gradeRows } from './grade-rows.js';
import { gradescopeResults } from './gradescope-results.js';
import { gradesCsv } from './grades-csv.js';
import { GRADE_SHEET_COLUMNS } from './grade-sheet.js';
import { sheetXlsx } from './sheet-xlsx.js';
import { similarityCsv } from './similarity-csv.js';
import { similarityHtml } from './similarity-html.js';

export interface OutputOptions {
  /** Also `gradescope/<id>/results.json`, Gradescope's autograder results per student (`--format gradescope`). */
  gradescope?: boolean;
  /** A regrade (`result.only`) merges into this run: the regraded students' rows, checks and feedback replaced. */
  previous?: PreviousRun;
}

/**
 * Every view of the result in `outDir`, each written atomically; a regrade keeps everyone else's rows as the
 * previous run wrote them. Returns the files written.
 */
export async function writeOutputs(
  result: ClassResult,
  outDir: string,
  o: OutputOptions = {},
): Promise<string[]> {
  const { spec } = result;
  const ids = new Set(result.only ?? []);
  const previous = o.previous;
  const regrade = previous && result.only;
  const rows = regrade ? mergeStudentRows(previous.grades, gradeRows(result), ids) : gradeRows(result);
  const checks = regrade ? mergeStudentRows(previous.checks, checkRows(result), ids) : checkRows(result);
  const pairs = regrade ? mergePairs(previous.pairs, result.pairs, ids) : result.pairs;
  const files: [string, string | Uint8Array][] = [
    ['grades.csv', gradesCsv(rows)],
    ['checks.csv', gradesCsv(checks, CHECK_COLUMNS)],
    ['grades.xlsx', await sheetXlsx(spec.id, GRADE_SHEET_COLUMNS, rows)],
    ['similarity.csv', similarityCsv(pairs, spec.similarityThreshold, spec.reviewThreshold)],
    ['clusters.csv', clustersCsv(clustersOf(pairs, spec.reviewThreshold))],
    [
      'similarity.html',
      similarityHtml(pairs, result.sources, {
        threshold: spec.similarityThreshold,
        review: spec.reviewThreshold,
        names: new Map(rows.map((r) => [r.student_id, r.name])),
      }),
    ],
    ...result.students.map((s): [string, string] => [
      path.join('feedback', `${s.studentId}.md`),
      feedbackMarkdown(s, spec, result.sandboxWarning),
    ]),
    ...(o.gradescope
      ? result.students.map((s): [string, string] => [
          path.join('gradescope', s.studentId, 'results.json'),
          `${JSON.stringify(gradescopeResults(s, spec, result.sandboxWarning), null, 2)}\n`,
        ])
      : []),
  ];
  for (const [name, data] of files) await writeFileAtomic(path.join(outDir, name), data);
  return files.map(([name]) => path.join(outDir, name));
}
