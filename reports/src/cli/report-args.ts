/**
 * `lab report results.json [--review file] [--screenshot file …] [--run NAME:SCENARIO=load.json …] [--out DIR]`,
 * parsed at the door.
 */
import { parseArgs } from 'node:util';
import { argsProblem } from '@netlab/kit';
import { LabError } from '../errors.js';
import type { AddedRun, RedrawRequest } from '../lab/redraw.js';
import { ScenarioName } from '../results.js';

const USAGE =
  'usage: lab report results.json [--review FILE] [--screenshot IMAGE …] [--run NAME:SCENARIO=load.json …] [--out DIR]';

const FLAGS = {
  review: { type: 'string' },
  screenshot: { type: 'string', multiple: true },
  run: { type: 'string', multiple: true },
  out: { type: 'string' },
} as const;

export function parseReportArgs(argv: string[]): RedrawRequest {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true });
  } catch (error) {
    throw new LabError('LAB_OPTION_INVALID', `${argsProblem(error)} (${USAGE})`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new LabError('LAB_USAGE', USAGE);
  const { review, screenshot = [], run = [], out } = parsed.values;
  return {
    file,
    screenshots: screenshot,
    runs: run.map(parseRun),
    ...(review !== undefined ? { review } : {}),
    ...(out !== undefined ? { out } : {}),
  };
}

/** `NAME:SCENARIO=FILE`, e.g. `select:fixed=cluster.json` (a `pnpm loadtest … --json` file). */
function parseRun(spec: string): AddedRun {
  const m = /^([^:=]+):([^=]+)=(.+)$/.exec(spec);
  const scenario = ScenarioName.safeParse(m?.[2]);
  if (!m || !scenario.success)
    throw new LabError(
      'LAB_OPTION_INVALID',
      `--run ${spec}: expected NAME:SCENARIO=FILE with SCENARIO one of ${ScenarioName.options.join(', ')}, e.g. --run select:fixed=cluster.json`,
    );
  return { subject: m[1]!.trim(), scenario: scenario.data, file: m[3]! };
}
