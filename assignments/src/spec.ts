import { z } from 'zod';

/**
 * The assignment spec: the contract the grader and the lab read. Every message below is written as the fix,
 * because `load-spec.ts` prints it after the field path (`deadline: must be ISO 8601 …`).
 */

/** `required: <what>` when the field is absent, `must be <what>` when it has the wrong type. */
const expect = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `required: ${what}` : `must be ${what}`;

const text = (what: string) => z.string({ error: expect(what) }).min(1, `must not be empty: ${what}`);
const fraction = (example: string) =>
  z
    .number({ error: expect(`a fraction between 0 and 1, e.g. ${example}`) })
    .min(0, `must be between 0 and 1, e.g. ${example}`)
    .max(1, `must be between 0 and 1, e.g. ${example}`);
const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: expect(`a list of ${what}`) });

/** One HTTP check run against a student's server (and by `pnpm lab:week3` against the references). */
export const HttpCheck = z.strictObject({
  name: z.string().optional(),
  method: z
    .enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE'], { error: 'must be one of GET, HEAD, POST, PUT, DELETE' })
    .default('GET'),
  path: z
    .string({ error: expect('a request path, e.g. /index.html') })
    .startsWith('/', 'must start with "/"'),
  /** Sent verbatim instead of a well-formed request, for the bad-request checks. */
  raw: z.string().optional(),
  status: z
    .number({ error: expect('an HTTP status code, e.g. 200') })
    .int('must be a whole HTTP status code, e.g. 404')
    .min(100, 'must be an HTTP status code between 100 and 599')
    .max(599, 'must be an HTTP status code between 100 and 599'),
  /** The `Content-Type` header must start with this, case-insensitive: `text/html` accepts `text/html; charset=utf-8`. */
  contentType: z.string().optional(),
  /** Substring the body must contain (case-sensitive). */
  bodyContains: z.string().optional(),
  /** The response must carry a `Content-Length` equal to the body's byte length. */
  contentLength: z.boolean({ error: 'must be true or false' }).default(false),
});
export type HttpCheck = z.infer<typeof HttpCheck>;

/** One raw TCP exchange (week 2's echo server): send `send`, expect `expect` back (default: the same bytes). */
export const TcpCheck = z.strictObject({
  name: z.string().optional(),
  send: text('the text to send, e.g. "hello\\n"'),
  expect: z.string().optional(),
});
export type TcpCheck = z.infer<typeof TcpCheck>;

export const ReportSpec = z.strictObject({
  /** e.g. `CN_6_{studentId}_{name}.pdf` */
  name: text('the report file name pattern, e.g. CN_6_{studentId}_{name}.pdf')
    .includes('{studentId}', { message: 'must contain {studentId}, e.g. CN_6_{studentId}_{name}.pdf' })
    .endsWith('.pdf', 'must end in .pdf: only PDF reports are graded, e.g. CN_6_{studentId}_{name}.pdf')
    .refine(
      (name) => [...name.matchAll(/\{([^}]*)\}/g)].every(([, key]) => key === 'studentId' || key === 'name'),
      {
        // A misspelt placeholder never matches, so every report in the class would be flagged REPORT_NAME.
        message: 'may only use the placeholders {studentId} and {name}, e.g. CN_6_{studentId}_{name}.pdf',
      },
    ),
  /** Each entry is one required section: the headings accepted for it. */
  sections: list(
    list(text('a heading, e.g. 과제 목표'), 'headings').min(1, 'must list at least one heading'),
    'sections, each a list of accepted headings',
  ).default([]),
  minImages: z
    .number({ error: expect('a whole number of images, e.g. 2') })
    .int('must be a whole number, e.g. 2')
    .nonnegative('must be 0 or more')
    .default(0),
});
export type ReportSpec = z.infer<typeof ReportSpec>;

export const CodeSpec = z.strictObject({
  glob: text('a glob of the code files, e.g. "**/*.py"').default('**/*.py'),
  /** The file the grader runs as `python3 <entry>`. */
  entry: text('the file to run, e.g. server.py').optional(),
  /** More servers in the same submission, run and checked like `entry` one at a time (week 5: both models). */
  extraEntries: list(text('a file to run'), 'files to run').default([]),
  /** Instructor-given code, relative to the spec file, excluded from similarity. */
  template: list(text('a path relative to the spec file'), 'paths relative to the spec file').default([]),
  language: z.enum(['python', 'java'], { error: 'must be python or java' }).default('python'),
});
export type CodeSpec = z.infer<typeof CodeSpec>;

/** How the points split before the late penalty and COPY apply. Fractions of `points`. */
export const Rubric = z
  .strictObject({
    server: fraction('0.5'),
    report: fraction('0.3'),
    code: fraction('0.2'),
    /** The concurrency probe (spec `concurrency`): all or nothing. */
    concurrency: fraction('0.1').default(0),
    /** The load probe (spec `load`): each threshold met earns its share. */
    load: fraction('0.1').default(0),
    /** Deducted (fraction of points) for a misnamed report (REPORT_NAME). */
    reportNamePenalty: fraction('0.1').default(0.1),
    /** Deducted (fraction of points) when the report shows the load test ran against this machine (LOOPBACK). */
    loopbackPenalty: fraction('0.1').default(0),
  })
  .superRefine((r, ctx) => {
    const sum = r.server + r.report + r.code + r.concurrency + r.load;
    if (Math.abs(sum - 1) >= 1e-9) {
      const parts =
        r.concurrency || r.load ? 'server + report + code + concurrency + load' : 'server + report + code';
      ctx.addIssue({
        code: 'custom',
        message: `${parts} must add up to 1 (they add up to ${Number(sum.toFixed(6))})`,
      });
    }
  });
export type Rubric = z.infer<typeof Rubric>;

const wholeMs = (what: string) =>
  z
    .number({ error: expect(`a whole number of milliseconds, e.g. ${what}`) })
    .int(`must be a whole number of milliseconds, e.g. ${what}`)
    .positive(`must be more than 0 milliseconds, e.g. ${what}`);

/**
 * The concurrency probe: after the ordinary checks, `stalledClients` connections are opened and held (the first
 * sends half a request line and waits, the next sends nothing, and so on), then every HTTP check the server answered
 * alone is run again and must complete within `timeoutMs`; one that does not means one client's recv stops the others.
 */
export const ConcurrencySpec = z.strictObject({
  stalledClients: z
    .number({ error: expect('a whole number of held clients, e.g. 2') })
    .int('must be a whole number of clients, e.g. 2')
    .min(1, 'must be at least 1 client')
    .max(50, 'must be at most 50 clients')
    .default(2),
  timeoutMs: wholeMs('2000').default(2000),
});
export type ConcurrencySpec = z.infer<typeof ConcurrencySpec>;

/** Locust's run-time syntax, as `pnpm loadtest -t` takes it: 5s, 500ms, 1m30s. */
const DURATION = /^(\d+(\.\d+)?(ms|h|m|s))+$/;

/** The load probe's pass marks; each one given is a threshold, and each met earns its share of `rubric.load`. */
export const LoadThresholds = z
  .strictObject({
    /** Failed requests / all requests, at most. */
    maxFailureRatio: fraction('0.01').optional(),
    /** 95th percentile response time of the successes in ms, at most. */
    p95Ms: z
      .number({ error: expect('milliseconds, e.g. 500') })
      .positive('must be more than 0 ms')
      .optional(),
    /** Successful responses per second of the run, at least. */
    minRps: z
      .number({ error: expect('responses per second, e.g. 200') })
      .positive('must be more than 0')
      .optional(),
  })
  .refine((t) => Object.values(t).some((v) => v !== undefined), {
    message: 'must set at least one of maxFailureRatio, p95Ms, minRps',
  });
export type LoadThresholds = z.infer<typeof LoadThresholds>;

/** The load probe: a short closed-loop run of @netlab/loadtest against the student's server, scored by thresholds. */
export const LoadSpec = z.strictObject({
  users: z
    .number({ error: expect('a whole number of users, e.g. 50') })
    .int('must be a whole number of users, e.g. 50')
    .min(1, 'must be at least 1 user')
    .max(1000, 'must be at most 1000 users'),
  spawnRate: z.number({ error: expect('users started per second, e.g. 50') }).positive('must be more than 0'),
  duration: z
    .string({ error: expect('a duration, e.g. 5s') })
    .regex(DURATION, 'must be a duration such as 5s, 500ms or 1m30s'),
  /** A new TCP connection for every request, as students' servers close after each response. */
  newConnectionPerRequest: z.boolean({ error: 'must be true or false' }).default(true),
  /** The path requested (default: the first check expecting 200, else /). */
  path: z.string().startsWith('/', 'must start with "/"').optional(),
  thresholds: LoadThresholds,
});
export type LoadSpec = z.infer<typeof LoadSpec>;

export const AssignmentSpec = z
  .strictObject({
    id: text('a short id, e.g. week6'),
    title: text('a title, e.g. "select 서버와 스트레스 테스트"'),
    /** ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00 */
    deadline: z.iso.datetime({
      offset: true,
      error: (issue) =>
        `${issue.input === undefined ? 'required:' : 'must be'} ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00`,
    }),
    points: z
      .number({ error: expect('a number of points, e.g. 10') })
      .positive('must be more than 0, e.g. 10'),
    latePenaltyPerDay: fraction('0.1').default(0.1),
    maxLateDays: z
      .number({ error: expect('a whole number of days, e.g. 7') })
      .int('must be a whole number of days, e.g. 7')
      .nonnegative('must be 0 or more days')
      .default(10),
    graceMinutes: z
      .number({ error: expect('a number of minutes, e.g. 10') })
      .nonnegative('must be 0 or more')
      .default(0),
    similarityThreshold: fraction('0.8').default(0.8),
    reviewThreshold: fraction('0.5').default(0.5),
    /** Similarity engine settings the course may tune; see grader/src/similarity/README.md. */
    similarity: z
      .strictObject({
        /** Code found in more than this share of the class counts as template (MOSS's rule); 1 turns it off. */
        commonCodeShare: fraction('0.5').gt(0, 'must be more than 0, e.g. 0.5').default(0.5),
      })
      .default({ commonCodeShare: 0.5 }),
    port: z
      .number({ error: expect('a TCP port number, e.g. 8080') })
      .int('must be a whole port number, e.g. 8080')
      .min(1, 'must be a TCP port between 1 and 65535')
      .max(65535, 'must be a TCP port between 1 and 65535')
      .optional(),
    code: CodeSpec,
    report: ReportSpec,
    checks: list(HttpCheck, 'HTTP checks').default([]),
    tcpChecks: list(TcpCheck, 'TCP checks').default([]),
    /** One time budget for all of a server's checks together: a server that accepts and never answers costs this. */
    checksBudgetMs: wholeMs('10000').default(10_000),
    concurrency: ConcurrencySpec.optional(),
    load: LoadSpec.optional(),
    rubric: Rubric,
  })
  .superRefine((s, ctx) => {
    if (s.reviewThreshold > s.similarityThreshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewThreshold'],
        message: `must not be above similarityThreshold (${s.similarityThreshold}), e.g. 0.5`,
      });
    }
    if (s.port === undefined && (s.checks.length > 0 || s.tcpChecks.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['port'], message: 'required when checks are given, e.g. 8080' });
    }
    for (const part of ['concurrency', 'load'] as const) {
      if (s.rubric[part] > 0 && !s[part]) {
        ctx.addIssue({
          code: 'custom',
          path: ['rubric', part],
          message: `must be 0 without a ${part} block (or add one, see assignments/README.md)`,
        });
      }
      if (s[part] && s.checks.length === 0) {
        ctx.addIssue({ code: 'custom', path: [part], message: 'needs HTTP checks to run, e.g. GET / → 200' });
      }
    }
    if (s.code.entry === undefined && (s.checks.length > 0 || s.tcpChecks.length > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code', 'entry'],
        message: 'required when checks are given, e.g. server.py',
      });
    }
  });
export type AssignmentSpec = z.infer<typeof AssignmentSpec>;
