/** The lab's flags, validated once at the door: every problem reported together, then frozen. */
import { parseArgs } from 'node:util';
import { argsProblem, flagName, zodIssuesLine } from '@netlab/kit';
import { MODELS, type Model } from '@netlab/servers/models';
import { LabError } from '../errors.js';
import { LabOptions } from '../lab/options.js';
import { validateShaping } from '../process/netns.js';
import type { Week } from '../results.js';

const WEEKS = { week2: 2, week3: 3, week5: 5, week6: 6 } as const satisfies Record<string, Week>;

const DEFAULT_MODELS: Record<Week, Model[]> = {
  2: [],
  3: ['select'],
  5: ['single', 'multiprocess', 'multithread'],
  6: [...MODELS],
};

export const USAGE = `usage: pnpm lab:week<2|3|5|6> [options]     (or: netlab-lab week6 …)
  --quick                  a short profile (whole run < 60 s)
  --models a,b             reference models (${MODELS.join(', ')}); "none" for only your server
  --out DIR                where results go (default lab-out/weekN/)
  --student ID --name NAME names the report CN_<N>_<ID>_<NAME>.pdf
  --target URL             put a running server in the comparison (e.g. http://127.0.0.1:8080)
  --server "CMD" --port N  start your server with CMD and load it on port N
  --netns [--delay 2ms] [--rate 1gbit]   servers in their own network namespace (Linux, root)
  --web [--web-port 8089] [--web-host 127.0.0.1] [--web-linger SEC]   weeks 5 and 6: a live page of the runs;
                           it stays up after the run until Ctrl-C (or SEC seconds; 0: close at once)
       pnpm lab report results.json [--review review.txt] [--out DIR]   redraw the PDF`;

const FLAGS = {
  quick: { type: 'boolean' },
  models: { type: 'string' },
  out: { type: 'string' },
  student: { type: 'string' },
  name: { type: 'string' },
  target: { type: 'string' },
  server: { type: 'string' },
  port: { type: 'string' },
  netns: { type: 'boolean' },
  delay: { type: 'string' },
  rate: { type: 'string' },
  web: { type: 'boolean' },
  'web-port': { type: 'string' },
  'web-host': { type: 'string' },
  'web-linger': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function bad(problems: string[]): LabError {
  return new LabError('LAB_OPTION_INVALID', `${problems.join('; ')} (see --help)`);
}

/** `week6 --quick …` → options; throws LabError naming every bad flag. */
export function parseLabArgs(weekArg: string, argv: string[]): Readonly<LabOptions> {
  const week = WEEKS[weekArg as keyof typeof WEEKS];
  if (week === undefined)
    throw new LabError('LAB_USAGE', `unknown lab "${weekArg}": use week2, week3, week5 or week6`);
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw bad([argsProblem(error)]);
  }
  const problems: string[] = [];
  const models =
    values.models === undefined
      ? DEFAULT_MODELS[week]
      : values.models.trim() === 'none'
        ? []
        : values.models.split(',').map((m) => m.trim());
  for (const m of models) {
    if (!(MODELS as readonly string[]).includes(m))
      problems.push(`--models: unknown model "${m}" (use ${MODELS.join(', ')})`);
  }
  if (week === 2 && values.models !== undefined)
    problems.push('--models: week2 has no HTTP models (echo and attendance only)');
  if ((values.student === undefined) !== (values.name === undefined))
    problems.push('--student and --name go together');
  if (values.target !== undefined && values.server !== undefined)
    problems.push('give --target or --server, not both');
  if (values.server !== undefined && values.port === undefined)
    problems.push('--server needs --port N (the port your server listens on)');
  if (values.port !== undefined && values.server === undefined)
    problems.push('--port goes with --server "<command>"');
  const port = values.port === undefined ? null : Number(values.port);
  if (port !== null && !(Number.isInteger(port) && port >= 1 && port <= 65535))
    problems.push(`--port ${values.port}: give 1–65535`);
  if (!values.netns && (values.delay !== undefined || values.rate !== undefined))
    problems.push('--delay and --rate need --netns');
  if (values.netns && values.target !== undefined)
    problems.push('--netns runs servers in a namespace; it cannot move a --target');
  problems.push(...validateShaping({ delay: values.delay, rate: values.rate }));
  const webPort = values['web-port'] === undefined ? 8089 : Number(values['web-port']);
  const linger = values['web-linger'] === undefined ? null : Number(values['web-linger']);
  if (
    !values.web &&
    [values['web-port'], values['web-host'], values['web-linger']].some((v) => v !== undefined)
  )
    problems.push('--web-port, --web-host and --web-linger go with --web');
  if (values.web && week !== 5 && week !== 6) problems.push('--web shows the load runs of week5 and week6');
  if (!(Number.isInteger(webPort) && webPort >= 0 && webPort <= 65535))
    problems.push(`--web-port ${values['web-port']}: give 0–65535`);
  if (linger !== null && !(Number.isFinite(linger) && linger >= 0))
    problems.push(`--web-linger ${values['web-linger']}: give seconds, 0 or more`);
  if (
    !values.netns &&
    models.length === 0 &&
    values.target === undefined &&
    values.server === undefined &&
    week !== 2
  ) {
    problems.push('nothing to test: --models none needs --target or --server');
  }
  if (problems.length) throw bad(problems);

  const parsed = LabOptions.safeParse({
    week,
    quick: values.quick ?? false,
    models,
    out: values.out ?? `lab-out/week${week}`,
    student:
      values.student !== undefined
        ? { id: values.student.normalize('NFC'), name: values.name!.normalize('NFC') }
        : null,
    target: values.target ?? null,
    server: values.server !== undefined ? { command: values.server, port: port! } : null,
    netns: values.netns ? { delay: values.delay, rate: values.rate } : null,
    web: values.web ? { port: webPort, host: values['web-host'] ?? '127.0.0.1', lingerSec: linger } : null,
  });
  if (!parsed.success) throw bad([zodIssuesLine(parsed.error.issues, flagName)]);
  return Object.freeze(parsed.data);
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
