import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type AssignmentSpec, builtinSpecPath, loadSpecFile } from '@netlab/assignments';
import { z } from 'zod';
import { GraderError } from '../errors.js';
import { gradeClass } from '../grade-class.js';
import { type GradescopeResults, gradescopeResults } from '../outputs/gradescope-results.js';

export interface AutogradeOptions {
  /** Gradescope's `/autograder/submission`: the student's files. */
  submissionDir: string;
  /** Where results.json goes (`/autograder/results/results.json`). */
  resultsFile: string;
  /** Gradescope's `/autograder/submission_metadata.json`, when there is one. */
  metadataFile?: string;
  assignment?: string;
  specFile?: string;
  runServers?: boolean;
}

/**
 * The part of `/autograder/submission_metadata.json` read (gradescope-autograders.readthedocs.io, "Submission
 * Metadata"): the submitter and the submission time. `sid` is not among the documented fields; Gradescope sends it
 * when the course roster has student ids, and it is read when present.
 */
const Metadata = z.object({
  created_at: z.string().optional(),
  users: z
    .array(
      z.object({
        id: z.union([z.number(), z.string()]).optional(),
        name: z.string().optional(),
        sid: z.string().nullish(),
      }),
    )
    .default([]),
});

/**
 * Grades one Gradescope submission with netlab's checks (the same `gradeClass` as `grader check`, on a class of
 * one) and writes its results.json. Whatever goes wrong, a results.json saying so is written before the error
 * is passed on, so Gradescope shows the student a reason rather than a failed autograder.
 */
export async function autograde(o: AutogradeOptions): Promise<GradescopeResults> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'grader-autograde-'));
  try {
    const results = await gradeOne(o, work);
    await writeResults(o.resultsFile, results);
    return results;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    await writeResults(o.resultsFile, {
      score: 0,
      output: `자동 채점 실패 / The autograder could not grade this submission: ${reason}`,
      output_format: 'md',
      test_output_format: 'md',
      visibility: 'visible',
      stdout_visibility: 'hidden',
      tests: [],
    });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function gradeOne(o: AutogradeOptions, work: string): Promise<GradescopeResults> {
  const spec: AssignmentSpec = loadSpecFile(o.specFile ?? builtinSpecPath(o.assignment ?? ''));
  if (!(await stat(o.submissionDir).catch(() => null))?.isDirectory())
    throw new GraderError('GRADER_INPUT_MISSING', `submission folder ${o.submissionDir} does not exist`);
  const meta = o.metadataFile ? await readMetadata(o.metadataFile) : { users: [] };
  const user = meta.users[0];
  // Discovery names students by a run of 5+ digits: the roster's student id, else Gradescope's user id padded.
  const id = user?.sid?.trim() || String(user?.id ?? 0).padStart(5, '0');
  const name = (user?.name ?? '').normalize('NFC').trim();
  const classDir = path.join(work, 'class');
  await cp(o.submissionDir, path.join(classDir, name ? `${id}_${name}` : id), { recursive: true });
  if (meta.created_at)
    await writeFile(
      path.join(classDir, 'manifest.csv'),
      `student_id,name,submitted_at\n${id},,${meta.created_at}\n`,
    );
  const result = await gradeClass({ submissionsDir: classDir, spec, runServers: o.runServers, jobs: 1 });
  const student = result.students.find((s) => s.studentId === id) ?? result.students[0];
  if (!student) throw new GraderError('GRADER_INPUT_MISSING', 'the submission holds no files to grade');
  return gradescopeResults(student, spec, result.sandboxWarning);
}

async function readMetadata(file: string): Promise<z.infer<typeof Metadata>> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return { users: [] };
  try {
    return Metadata.parse(JSON.parse(text));
  } catch (error) {
    throw new GraderError(
      'GRADER_INPUT_MISSING',
      `${file} is not Gradescope's submission metadata: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

async function writeResults(file: string, results: GradescopeResults): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
