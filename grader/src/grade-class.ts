import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AssignmentSpec } from '@netlab/assignments';
import { isListening } from './probes/listening.js';
import { DEFAULT_SERVER_RUN, type ServerRunOptions } from './checks/server-run.js';
import type { Isolation } from './isolation/isolation.js';
import { proveIsolation, sandboxCandidate } from './checks/sandbox-preflight.js';
import { copyVerdicts } from './copy-flags.js';
import { GraderError } from './errors.js';
import { type Flag, sortFlags } from './flags.js';
import { type StudentContext, gradeStudent, type StudentFindings } from './grade-student.js';
import { applyOverrides, type OverrideRow, validateOverrides } from './overrides.js';
import { othersCode, studentsToGrade } from './regrade/select.js';
import { computeScore, type ScoreBreakdown } from './score.js';
import { readPriorYears } from './prior-years.js';
import {
  compareClass,
  type PairScore,
  type PriorIndexInfo,
  type SourceFile,
  type Submission,
} from './similarity/index.js';
import { type ExtensionRow, ManifestRow, type RosterRow, readClassCsv } from './submissions/class-csv.js';
import { discoverSubmissions } from './submissions/discover.js';
import { type LmsOwner, lmsKey } from './submissions/lms-names.js';
import type { Roster } from './submissions/lms-roster.js';
import { submissionTime } from './submissions/submission-time.js';
import { courseTime, offsetOf } from './time-offset.js';
import type { ZipLimits } from './submissions/zip-extract.js';

export interface GradeClassOptions {
  submissionsDir: string;
  spec: AssignmentSpec;
  /** Instructor code excluded from similarity. */
  template?: SourceFile[];
  /** `--roster` in any of its formats (`readRoster`). */
  roster?: Roster;
  extensions?: ExtensionRow[];
  /** Earlier classes' submissions folders: every student is compared with each of their submissions. */
  against?: string[];
  /** Where the tokenised prior corpus is kept between runs (keyed by content). */
  priorCacheDir?: string;
  /** Run each student's server (default true); false reads the code only. */
  runServers?: boolean;
  serverRun?: Partial<Omit<ServerRunOptions, 'port' | 'checks' | 'tcpChecks' | 'isolation'>>;
  zipLimits?: ZipLimits;
  /** Students graded at once (default: the number of cores); 1 without a sandbox, whose servers share the port. */
  jobs?: number;
  /** false runs servers without the sandbox (as when it is unavailable), with the same warning. */
  sandbox?: boolean;
  onProgress?: (progress: ClassProgress) => void;
  /** Grade only these students (a regrade); everyone else's code is still read, for their pairs with them. */
  only?: string[];
  /** Applied last, to the students graded. */
  overrides?: OverrideRow[];
}

export interface ClassProgress {
  done: number;
  total: number;
  /** Ids of the students being graded right now. */
  running: string[];
}

export interface StudentResult extends Omit<StudentFindings, 'code'> {
  score: number;
  maxPoints: number;
  breakdown: ScoreBreakdown;
  codeFiles: string[];
  /** `조정 Override: …` lines, also in `notes`. */
  overrides: string[];
}

export interface ClassResult {
  spec: AssignmentSpec;
  students: StudentResult[];
  pairs: PairScore[];
  /** Each student's code (and each prior submission's, by its `<year>:<id>` key), for the side-by-side view. */
  sources: Map<string, SourceFile[]>;
  warnings: string[];
  /** Set when `against` was given: the years compared and what became of their index. */
  prior?: PriorIndexInfo & { years: string[] };
  /** Set by a regrade (`only`): the students graded; `students` holds only them, `pairs` everyone's. */
  only?: string[];
  /** Set when student servers ran without the sandbox: why, for the summary and every feedback file. */
  sandboxWarning?: string;
  /** LMS accounts the roster does not map to a student number, graded under the LMS id. */
  unmatched?: string[];
}

/** Grades a whole class: discover, check each student (servers one at a time), compare all pairs, score. */
export async function gradeClass(options: GradeClassOptions): Promise<ClassResult> {
  const { spec } = options;
  const dir = options.submissionsDir;
  const dirStat = await stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) {
    throw new GraderError(
      'GRADER_INPUT_MISSING',
      `submissions folder ${dir} does not exist: pass the folder the LMS download unpacked to`,
    );
  }
  const manifestPath = path.join(dir, 'manifest.csv');
  const hasManifest = await stat(manifestPath).then(
    (s) => s.isFile(),
    () => false,
  );
  const manifest = hasManifest ? await readClassCsv(manifestPath, ManifestRow, 'manifest') : null;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'grader-'));
  let proving: Promise<Isolation> | null = null;
  try {
    const runs = options.runServers !== false && spec.port !== undefined;
    const candidate = runs ? await sandboxCandidate(workDir, options.sandbox !== false) : null;
    proving = candidate === null ? null : proveIsolation(workDir, spec.port ?? 0, candidate);
    // A regrade runs its few servers while the sandbox is being proved (the proof costs as much as one student);
    // should the proof fail, they run again the way it settles on. A whole class waits for the proof instead.
    const optimistic = options.only && candidate !== null && typeof candidate !== 'string' ? candidate : null;
    let isolation = optimistic ?? (await proving);
    if (!optimistic) await refuseBusyPort(isolation, spec);
    const roster = options.roster;
    const found = await discoverSubmissions(dir, workDir, {
      ...(options.zipLimits ? { limits: options.zipLimits } : {}),
      offset: offsetOf(spec.deadline),
      identify: rosterIdentity(roster),
    });
    const warnings = [...found.warnings, ...(roster?.warnings ?? [])];
    const byId = new Map(found.submissions.map((s) => [s.studentId, s]));
    const names = studentNames(roster?.rows ?? [], manifest ?? [], found.submissions);
    const ids = [...names.keys()].sort();
    const graded = studentsToGrade(ids, options.only);
    validateOverrides(options.overrides ?? [], new Set(ids), spec);
    const gradeAll = (isolation: Isolation | null) => {
      const run = isolation
        ? {
            ...DEFAULT_SERVER_RUN,
            ...options.serverRun,
            checks: spec.checks,
            tcpChecks: spec.tcpChecks,
            checksBudgetMs: spec.checksBudgetMs,
            concurrency: spec.concurrency,
            load: spec.load,
            loadSlot: oneAtATime(),
            isolation,
          }
        : null;
      const jobs = isolation?.kind === 'none' ? 1 : Math.max(1, options.jobs ?? os.availableParallelism());
      return inPool(graded, jobs, options.onProgress, (id) => {
        const submission = byId.get(id);
        const time = submission ? submissionTime(id, manifest, submission, roster?.times.get(id)) : undefined;
        const extension = options.extensions?.find((e) => e.student_id === id);
        const deadline = new Date(extension ? extension.deadline : spec.deadline);
        const ctx = { studentId: id, name: names.get(id) ?? '', submission, time, deadline };
        return gradeStudent(ctx, spec, run)
          .catch((error: unknown) => notChecked(ctx, error))
          .then((f) => (extension ? { ...f, notes: [extensionNote(deadline, spec), ...f.notes] } : f));
      });
    };
    let findings = await gradeAll(isolation);
    if (optimistic && (await proving) !== optimistic) {
      isolation = await proving;
      await refuseBusyPort(isolation, spec);
      findings = await gradeAll(isolation);
    }
    const sandboxWarning = isolation?.kind === 'none' ? isolation.warning : undefined;
    if (sandboxWarning) warnings.push(sandboxWarning);
    const others = options.only ? await othersCode(ids, graded, byId, spec) : [];
    const sources = new Map(
      [...findings, ...others]
        .filter((f) => f.code.length)
        .sort((x, y) => (x.studentId < y.studentId ? -1 : 1))
        .map((f) => [f.studentId, f.code.map(toSource)]),
    );
    const ocrSkipped = findings.find((f) => f.report?.loopback?.imagesSkipped)?.report?.loopback
      ?.imagesSkipped;
    if (ocrSkipped) warnings.push(`report images not checked for LOOPBACK, only their text: ${ocrSkipped}`);
    const prior = await readPriorYears(options.against ?? [], spec.code, workDir, options.zipLimits);
    warnings.push(...prior.warnings);
    const { pairs, index } = await similarityPairs(sources, prior.submissions, options, warnings);
    const verdicts = copyVerdicts(pairs, spec.similarityThreshold, spec.reviewThreshold, prior.students);
    const students = findings.map((f) =>
      finalise(
        f,
        spec,
        verdicts.get(f.studentId),
        (options.overrides ?? []).filter((o) => o.student_id === f.studentId),
      ),
    );
    const years = [...new Set([...prior.students.values()].map((p) => p.year))];
    for (const sub of prior.submissions) sources.set(sub.id, sub.files);
    const byMtime = students.filter((s) => s.time?.source === 'mtime').length;
    if (!manifest && byMtime)
      warnings.push(
        `no manifest.csv: ${byMtime} of ${students.filter((s) => s.time).length} submission times are file modification times`,
      );
    return {
      spec,
      students,
      pairs,
      sources,
      warnings,
      ...(index ? { prior: { ...index, years } } : {}),
      ...(sandboxWarning ? { sandboxWarning } : {}),
      ...(found.unmatched.length ? { unmatched: found.unmatched } : {}),
      ...(options.only ? { only: graded } : {}),
    };
  } finally {
    // A regrade that stops early (an unknown id) may still be proving the sandbox inside workDir.
    await proving?.catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The roster's student number for an LMS account, or one whose LMS id is itself a roster student number. */
function rosterIdentity(roster: Roster | undefined) {
  if (!roster) return undefined;
  const names = new Map(roster.rows.map((r) => [r.student_id, r.name]));
  return (owner: LmsOwner) => {
    const studentId = roster.lmsIds.get(lmsKey(owner)) ?? (names.has(owner.id) ? owner.id : undefined);
    return studentId === undefined ? undefined : { studentId, name: names.get(studentId) ?? '' };
  };
}

/** Without the sandbox every student would fail PORT against someone else's server: refuse rather than grade wrongly. */
async function refuseBusyPort(isolation: Isolation | null, spec: AssignmentSpec): Promise<void> {
  if (isolation?.kind === 'none' && spec.port !== undefined && (await isListening(spec.port))) {
    throw new GraderError(
      'GRADER_PORT_BUSY',
      `port ${spec.port} (the spec's port) is already in use: stop whatever listens on it, or pass --no-run`,
    );
  }
}

/** An extension leaves its trace on the row: the deadline that replaced the spec's, in the spec's offset. */
function extensionNote(deadline: Date, spec: AssignmentSpec): string {
  return `EXTENSION: deadline moved to ${courseTime(deadline, spec.deadline)}`;
}

/** A lock: what it runs never overlaps, in the order asked. */
function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => {});
    return next;
  };
}

/** Runs `task` for every id, `jobs` at a time; results in the ids' order whatever order they finish in. */
async function inPool<T>(
  ids: string[],
  jobs: number,
  onProgress: GradeClassOptions['onProgress'],
  task: (id: string) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(ids.length);
  const running = new Set<string>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const id = ids[i] as string;
      running.add(id);
      onProgress?.({ done, total: ids.length, running: [...running] });
      results[i] = await task(id);
      running.delete(id);
      done += 1;
      onProgress?.({ done, total: ids.length, running: [...running] });
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, ids.length) }, worker));
  return results;
}

/** Last resort: a check that threw still leaves the student a row, with the reason, for a TA to look at. */
function notChecked(ctx: StudentContext, error: unknown): StudentFindings {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return {
    studentId: ctx.studentId,
    name: ctx.name,
    deadline: ctx.deadline,
    submitted: ctx.submission !== undefined,
    code: [],
    lateDays: 0,
    flags: [],
    notes: [`not graded, the grader failed on this submission: ${reason}`],
  };
}

function toSource(f: { rel: string; content: string }): SourceFile {
  return { path: f.rel, content: f.content };
}

async function similarityPairs(
  sources: Map<string, SourceFile[]>,
  against: Submission[],
  options: GradeClassOptions,
  warnings: string[],
): Promise<{ pairs: PairScore[]; index?: PriorIndexInfo }> {
  const subs = [...sources].map(([id, files]) => ({ id, files }));
  if (subs.length + Math.min(1, against.length) < 2) return { pairs: [] };
  try {
    const { pairs, prior } = await compareClass(subs, {
      language: options.spec.code.language,
      template: options.template ?? [],
      // Loose (literal-blind) evidence may reach the review band but never the auto-zero cut, whatever the spec sets.
      looseWeight: Math.max(0, Math.min(0.79, options.spec.similarityThreshold - 0.01)),
      commonCodeShare: options.spec.similarity.commonCodeShare,
      threshold: options.spec.similarityThreshold,
      against,
      ...(options.priorCacheDir ? { priorCacheDir: options.priorCacheDir } : {}),
    });
    return { pairs, ...(prior ? { index: prior } : {}) };
  } catch (error) {
    warnings.push(`similarity not computed: ${(error as Error).message.split('\n')[0]}`);
    return { pairs: [] };
  }
}

/** Name precedence: roster, then manifest, then the folder/zip name. Every id from any of them gets a row. */
function studentNames(
  roster: RosterRow[],
  manifest: ManifestRow[],
  subs: { studentId: string; name: string }[],
) {
  const names = new Map<string, string>();
  const offer = (id: string, name: string) => {
    if (name || !names.has(id)) names.set(id, name || (names.get(id) ?? ''));
  };
  for (const s of subs) offer(s.studentId, s.name);
  for (const m of manifest) offer(m.student_id, m.name);
  for (const r of roster) offer(r.student_id, r.name);
  return names;
}

function finalise(
  f: StudentFindings,
  spec: AssignmentSpec,
  verdict: { flags: Flag[]; notes: string[] } | undefined,
  overrides: OverrideRow[],
): StudentResult {
  const copy = verdict?.flags.includes('COPY') ?? false;
  const breakdown = computeScore({
    points: spec.points,
    rubric: spec.rubric,
    submitted: f.submitted,
    reportGradable: f.report?.status === 'ok' || f.report?.status === 'unreadable',
    reportFraction: f.report?.fraction ?? 0,
    reportMisnamed: f.report !== undefined && f.report.status !== 'missing' && !f.report.nameOk,
    loopback: f.flags.includes('LOOPBACK'),
    serverFraction: f.port?.fraction ?? 0,
    concurrencyFraction: f.port?.concurrencyFraction ?? 0,
    loadFraction: f.port?.loadFraction ?? 0,
    hasCode: f.code.length > 0,
    lateDays: f.lateDays,
    late: spec,
    copy,
  });
  const { code, ...rest } = f;
  const adjusted = applyOverrides(breakdown, sortFlags([...f.flags, ...(verdict?.flags ?? [])]), overrides);
  return {
    ...rest,
    flags: adjusted.flags,
    notes: [...f.notes, ...(verdict?.notes ?? []), ...adjusted.lines],
    score: adjusted.breakdown.score,
    maxPoints: spec.points,
    breakdown: adjusted.breakdown,
    codeFiles: code.map((c) => c.rel),
    overrides: adjusted.lines,
  };
}
