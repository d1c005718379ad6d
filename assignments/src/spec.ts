import { z } from 'zod';

/** One HTTP check run against a student's server (and by `pnpm lab:week3` against the references). */
export const HttpCheck = z.object({
  name: z.string().optional(),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE']).default('GET'),
  path: z.string().startsWith('/', 'a check path starts with "/"'),
  /** Sent verbatim instead of a well-formed request, for the bad-request checks. */
  raw: z.string().optional(),
  status: z.number().int().min(100).max(599),
  contentType: z.string().optional(),
  bodyContains: z.string().optional(),
  contentLength: z.boolean().default(false),
});
export type HttpCheck = z.infer<typeof HttpCheck>;

export const ReportSpec = z.object({
  /** e.g. `CN_6_{studentId}_{name}.pdf` */
  name: z.string().includes('{studentId}', { message: 'report.name must contain {studentId}' }),
  /** Each entry is one required section: the headings accepted for it. */
  sections: z.array(z.array(z.string().min(1)).min(1)).default([]),
  minImages: z.number().int().nonnegative().default(0),
});
export type ReportSpec = z.infer<typeof ReportSpec>;

export const CodeSpec = z.object({
  glob: z.string().default('**/*.py'),
  /** The file the grader runs as `python3 <entry>`. */
  entry: z.string().optional(),
  /** Instructor-given code, relative to the spec file, excluded from similarity. */
  template: z.array(z.string()).default([]),
  language: z.enum(['python', 'java']).default('python'),
});
export type CodeSpec = z.infer<typeof CodeSpec>;

/** How the points split before the late penalty and COPY apply. Fractions of `points`. */
export const Rubric = z
  .object({
    server: z.number().min(0).max(1),
    report: z.number().min(0).max(1),
    code: z.number().min(0).max(1),
    /** Deducted (fraction of points) for a misnamed report (REPORT_NAME). */
    reportNamePenalty: z.number().min(0).max(1).default(0.1),
  })
  .refine((r) => Math.abs(r.server + r.report + r.code - 1) < 1e-9, {
    message: 'rubric.server + rubric.report + rubric.code must add up to 1',
  });
export type Rubric = z.infer<typeof Rubric>;

export const AssignmentSpec = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00 */
  deadline: z.iso.datetime({ offset: true, message: 'deadline must be ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00' }),
  points: z.number().positive(),
  latePenaltyPerDay: z.number().min(0).max(1).default(0.1),
  maxLateDays: z.number().int().nonnegative().default(10),
  graceMinutes: z.number().nonnegative().default(0),
  similarityThreshold: z.number().min(0).max(1).default(0.8),
  reviewThreshold: z.number().min(0).max(1).default(0.5),
  port: z.number().int().min(1).max(65535).optional(),
  code: CodeSpec,
  report: ReportSpec,
  checks: z.array(HttpCheck).default([]),
  rubric: Rubric,
});
export type AssignmentSpec = z.infer<typeof AssignmentSpec>;
