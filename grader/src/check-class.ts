import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type AssignmentSpec, builtinSpecPath, loadSpecFile, specTemplateFiles } from '@netlab/assignments';
import { type ClassProgress, type ClassResult, gradeClass } from './grade-class.js';
import type { SourceFile } from './similarity/index.js';
import { ExtensionRow, readClassCsv } from './submissions/class-csv.js';
import { readRoster } from './submissions/lms-roster.js';
import { offsetOf } from './time-offset.js';
import { writableOut } from './outputs/atomic-write.js';
import { writeOutputs } from './outputs/write-outputs.js';
import { OverrideRow } from './overrides.js';
import { overridesDropped, readPreviousRun } from './outputs/previous-run.js';

export interface CheckClassOptions {
  submissionsDir: string;
  /** A built-in spec id (week2…week6); ignored when `specFile` is given. */
  assignment?: string;
  specFile?: string;
  outDir: string;
  rosterFile?: string;
  extensionsFile?: string;
  /** Earlier classes' submissions folders (`--against`); their index is kept in `<outDir>/prior-index/`. */
  against?: string[];
  /** Seconds a student's server gets to open its port. */
  serverTimeoutSeconds?: number;
  runServers?: boolean;
  /** Students graded at once (default: the number of cores). */
  jobs?: number;
  onProgress?: (progress: ClassProgress) => void;
  /** Also write each student's Gradescope `results.json`. */
  gradescope?: boolean;
  /** Regrade these students into the run already in `outDir`, keeping everyone else's rows. */
  only?: string[];
  /** `student_id,part,value,reason`, applied last. */
  overridesFile?: string;
}

/** `grader check`: load the spec and class files (all validated before any student runs), grade, write every output. */
export async function checkClass(o: CheckClassOptions): Promise<{ result: ClassResult; files: string[] }> {
  const specPath = o.specFile ?? builtinSpecPath(o.assignment ?? '');
  const spec: AssignmentSpec = loadSpecFile(specPath);
  const template = await readTemplate(spec, specPath);
  const roster = o.rosterFile ? await readRoster(o.rosterFile, offsetOf(spec.deadline)) : undefined;
  const extensions = o.extensionsFile
    ? await readClassCsv(o.extensionsFile, ExtensionRow, 'extensions')
    : undefined;
  const overrides = o.overridesFile ? await readClassCsv(o.overridesFile, OverrideRow, 'overrides') : [];
  await writableOut(o.outDir);
  const previous = o.only ? await readPreviousRun(o.outDir, spec.points) : undefined;
  const result = await gradeClass({
    submissionsDir: o.submissionsDir,
    spec,
    template,
    roster,
    extensions,
    against: o.against,
    priorCacheDir: path.join(o.outDir, 'prior-index'),
    runServers: o.runServers,
    serverRun: o.serverTimeoutSeconds ? { startTimeoutMs: o.serverTimeoutSeconds * 1000 } : {},
    jobs: o.jobs,
    onProgress: o.onProgress,
    only: o.only,
    overrides,
  });
  if (!o.only && !o.overridesFile) result.warnings.push(...(await overridesDropped(o.outDir)));
  const files = await writeOutputs(result, o.outDir, { gradescope: o.gradescope ?? false, previous });
  return { result, files };
}

async function readTemplate(spec: AssignmentSpec, specPath: string): Promise<SourceFile[]> {
  const files = specTemplateFiles(spec, specPath);
  const base = path.dirname(path.resolve(specPath));
  return Promise.all(
    files.map(async (abs) => ({
      path: path.relative(base, abs).split(path.sep).join('/'),
      content: await readFile(abs, 'utf8'),
    })),
  );
}
