import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { argsProblem } from '@netlab/kit';
import { builtinSpecText } from '@netlab/assignments';
import { checkClass } from './check-class.js';
import { EXIT_OK, errorLine, exitCodeFor, GraderError } from './errors.js';
import { autograde } from './gradescope/autograde.js';
import { buildAutograderBundle } from './gradescope/bundle.js';
import { progressReporter } from './outputs/progress.js';
import { terminalSummary } from './outputs/summary.js';
import { LMS_GRADEBOOKS, type LmsGradebook } from './outputs/lms-gradebook.js';
import { publishGrades, publishLms, publishNote } from './publish.js';

export const USAGE = `usage:
  grader check <submissions-dir> --assignment <week2|week3|week5|week6> [--spec <file>] [--out <dir>]
               [--roster <csv>] [--extensions <csv>] [--server-timeout <seconds>] [--jobs <n>] [--no-run]
               [--against <earlier class's submissions-dir>]... [--format gradescope]
               [--only <id>[,<id>…]] [--overrides <csv>]
  grader publish <out-dir>/grades.csv --out <file.xlsx|file.csv> [--with-flags]
  grader publish <out-dir>/grades.csv --lms <canvas|moodle> --out <file.csv> [--column <assignment>]
  grader spec <week>
  grader gradescope <week> --out <autograder.zip>
  grader autograde <submission-dir> (--assignment <week> | --spec <file>) --results <results.json>
               [--metadata <submission_metadata.json>] [--no-run]`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

/** Parses argv, runs one command, prints; returns the exit code (mapped in errors.ts). */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'check') await check(rest, io);
    else if (command === 'publish') await publish(rest, io);
    else if (command === 'spec') spec(rest, io);
    else if (command === 'gradescope') await gradescope(rest, io);
    else if (command === 'autograde') await autogradeCommand(rest, io);
    else if (command === '--help' || command === '-h') io.stdout.write(`${USAGE}\n`);
    else throw new GraderError('GRADER_USAGE', `unknown command ${command ?? '(none)'}\n${USAGE}`);
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`${errorLine(error)}\n`);
    return exitCodeFor(error);
  }
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new GraderError('GRADER_USAGE', `${argsProblem(error)} (see --help)`);
  }
}

/** pnpm runs root scripts from the repo root; paths on the command line are the caller's, kept in INIT_CWD. */
function fromCaller(p: string): string;
function fromCaller(p: string | undefined): string | undefined;
function fromCaller(p: string | undefined): string | undefined {
  return p === undefined ? undefined : path.resolve(process.env.INIT_CWD || process.cwd(), p);
}

async function check(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args, {
    assignment: { type: 'string' },
    spec: { type: 'string' },
    out: { type: 'string', default: './grader-out' },
    roster: { type: 'string' },
    extensions: { type: 'string' },
    'server-timeout': { type: 'string' },
    jobs: { type: 'string' },
    'no-run': { type: 'boolean', default: false },
    against: { type: 'string', multiple: true, default: [] },
    format: { type: 'string' },
    only: { type: 'string' },
    overrides: { type: 'string' },
  });
  const [dir] = positionals;
  if (!dir) throw new GraderError('GRADER_USAGE', `check needs the submissions folder\n${USAGE}`);
  if (!values.assignment && !values.spec)
    throw new GraderError('GRADER_USAGE', 'check needs --assignment <week> or --spec <file>');
  const timeout = values['server-timeout'] === undefined ? undefined : Number(values['server-timeout']);
  if (timeout !== undefined && !(timeout > 0))
    throw new GraderError('GRADER_USAGE', '--server-timeout must be a positive number of seconds');
  if (values.format !== undefined && values.format !== 'gradescope')
    throw new GraderError('GRADER_USAGE', `--format ${values.format}: the one extra format is gradescope`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
    throw new GraderError('GRADER_USAGE', '--jobs must be a whole number of students at once, 1 or more');
  const only = values.only === undefined ? undefined : onlyIds(values.only as string);
  const { result, files } = await checkClass({
    submissionsDir: fromCaller(dir),
    assignment: values.assignment as string | undefined,
    specFile: fromCaller(values.spec as string | undefined),
    outDir: fromCaller(values.out as string),
    rosterFile: fromCaller(values.roster as string | undefined),
    extensionsFile: fromCaller(values.extensions as string | undefined),
    against: (values.against as string[]).map((dir) => fromCaller(dir)),
    serverTimeoutSeconds: timeout,
    runServers: !values['no-run'],
    jobs,
    gradescope: values.format === 'gradescope',
    onProgress: progressReporter(io.stderr),
    only,
    overridesFile: fromCaller(values.overrides as string | undefined),
  });
  io.stdout.write(terminalSummary(result));
  io.stdout.write(`\nwrote ${files.length} files to ${values.out}\n`);
}

function onlyIds(text: string): string[] {
  const ids = text.split(',').map((id) => id.normalize('NFC').trim());
  if (ids.some((id) => !id))
    throw new GraderError(
      'GRADER_USAGE',
      '--only takes student ids separated by commas, e.g. --only 2019000003,2019000007',
    );
  return [...new Set(ids)];
}

async function publish(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    'with-flags': { type: 'boolean', default: false },
    lms: { type: 'string' },
    column: { type: 'string', default: 'Score' },
  });
  const [grades] = positionals;
  if (!grades || !values.out)
    throw new GraderError('GRADER_USAGE', `publish needs <grades.csv> --out <file.xlsx|.csv>\n${USAGE}`);
  if (values.lms !== undefined) {
    const lms = values.lms as LmsGradebook;
    if (!LMS_GRADEBOOKS.includes(lms))
      throw new GraderError('GRADER_USAGE', `--lms ${values.lms}: use ${LMS_GRADEBOOKS.join(' or ')}`);
    const rows = await publishLms(
      fromCaller(grades),
      fromCaller(values.out as string),
      lms,
      values.column as string,
    );
    io.stdout.write(
      `wrote ${lms}'s gradebook import for ${rows.length} students to ${values.out} (real ids: import it, do not post it)\n`,
    );
    return;
  }
  const o = { withFlags: values['with-flags'] as boolean };
  const rows = await publishGrades(fromCaller(grades), fromCaller(values.out as string), o);
  io.stdout.write(`published ${rows.length} rows to ${values.out}; ${publishNote(o)}\n`);
}

function spec(args: string[], io: CliIo): void {
  const [week] = args;
  if (!week) throw new GraderError('GRADER_USAGE', `spec needs a week, e.g. grader spec week6\n${USAGE}`);
  io.stdout.write(builtinSpecText(week));
}

async function gradescope(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args, { out: { type: 'string', default: 'autograder.zip' } });
  const [week] = positionals;
  if (!week)
    throw new GraderError('GRADER_USAGE', `gradescope needs a week, e.g. grader gradescope week6\n${USAGE}`);
  const { files } = await buildAutograderBundle(week, fromCaller(values.out as string));
  io.stdout.write(
    `wrote ${values.out}: setup.sh, run_autograder and netlab (${files} files); upload it as the autograder\n`,
  );
}

async function autogradeCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args, {
    assignment: { type: 'string' },
    spec: { type: 'string' },
    results: { type: 'string' },
    metadata: { type: 'string' },
    'no-run': { type: 'boolean', default: false },
  });
  const [submission] = positionals;
  if (!submission || !values.results || (!values.assignment && !values.spec))
    throw new GraderError(
      'GRADER_USAGE',
      `autograde needs <submission-dir>, --assignment or --spec, and --results\n${USAGE}`,
    );
  const results = await autograde({
    submissionDir: fromCaller(submission),
    resultsFile: fromCaller(values.results as string),
    ...(values.metadata ? { metadataFile: fromCaller(values.metadata as string) } : {}),
    ...(values.assignment ? { assignment: values.assignment as string } : {}),
    ...(values.spec ? { specFile: fromCaller(values.spec as string) } : {}),
    runServers: !values['no-run'],
  });
  io.stdout.write(`score ${results.score}; wrote ${values.results}\n`);
}
