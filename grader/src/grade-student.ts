import type { AssignmentSpec } from '@netlab/assignments';
import { type CodeFile, collectCode } from './checks/code.js';
import { checkPort, type PortCheck } from './checks/port.js';
import { findOcr } from './checks/ocr.js';
import { checkReport, type ReportCheck } from './checks/report.js';
import type { ServerRunOptions } from './checks/server-run.js';
import type { Flag } from './flags.js';
import { lateDays } from './late-penalty.js';
import { canvasLateDays } from './submissions/canvas-late.js';
import type { StudentSubmission } from './submissions/discover.js';
import type { SubmissionTime } from './submissions/submission-time.js';
import { courseTime } from './time-offset.js';

/** Everything the checks found about one student, before similarity and scoring. */
export interface StudentFindings {
  studentId: string;
  name: string;
  submitted: boolean;
  code: CodeFile[];
  report?: ReportCheck;
  port?: PortCheck;
  time?: SubmissionTime;
  deadline: Date;
  lateDays: number;
  flags: Flag[];
  notes: string[];
}

export interface StudentContext {
  studentId: string;
  name: string;
  submission?: StudentSubmission;
  time?: SubmissionTime;
  deadline: Date;
}

/** Runs every per-student check; a missing or unreadable submission still yields findings with a reason. */
export async function gradeStudent(
  ctx: StudentContext,
  spec: AssignmentSpec,
  run: Omit<ServerRunOptions, 'port'> | null,
): Promise<StudentFindings> {
  const base = { studentId: ctx.studentId, name: ctx.name, deadline: ctx.deadline };
  const sub = ctx.submission;
  if (!sub) {
    return {
      ...base,
      submitted: false,
      code: [],
      lateDays: 0,
      flags: ['NO_SUBMISSION'],
      notes: ['no submission (미제출)'],
    };
  }
  const notes = [...sub.notes];
  if (sub.rejected) notes.push(sub.rejected);
  const flags: Flag[] = [];
  const code = await collectCode(sub.files, spec.code);
  notes.push(...code.notes);
  if (!code.files.length) {
    flags.push('NO_CODE');
    notes.push(`no code matching ${spec.code.glob}`);
  }
  const ocr = spec.rubric.loopbackPenalty > 0 ? await findOcr() : undefined;
  const report = await checkReport(sub.files, spec.report, { id: ctx.studentId, name: ctx.name }, ocr);
  flags.push(...report.flags);
  notes.push(...report.notes);
  let port: PortCheck | undefined;
  if (code.files.length) {
    port = await checkPort(code.files, sub.files, spec, run);
    flags.push(...port.flags);
    notes.push(...port.notes);
  }
  const byTime = ctx.time
    ? lateDays(ctx.time.at, { deadline: ctx.deadline, graceMinutes: spec.graceMinutes })
    : 0;
  const canvas = canvasLateDays(byTime, ctx.time, sub, spec.deadline);
  const days = canvas.days;
  if (canvas.note) notes.push(canvas.note);
  if (days > 0) {
    const local = (at: Date) => courseTime(at, spec.deadline);
    flags.push('LATE');
    notes.push(
      `${days} day(s) late (submitted ${ctx.time ? local(ctx.time.at) : '?'}, deadline ${local(ctx.deadline)})`,
    );
  }
  return {
    ...base,
    submitted: true,
    code: code.files,
    report,
    port,
    time: ctx.time,
    lateDays: days,
    flags,
    notes,
  };
}
