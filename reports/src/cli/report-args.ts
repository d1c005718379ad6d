/** `lab report results.json [--review file] [--screenshot file …] [--out DIR]`, parsed at the door. */
import { parseArgs } from 'node:util';
import { LabError, messageOf } from '../errors.js';
import type { RedrawRequest } from '../lab/redraw.js';

const USAGE = 'usage: lab report results.json [--review FILE] [--screenshot IMAGE …] [--out DIR]';

const FLAGS = {
  review: { type: 'string' },
  screenshot: { type: 'string', multiple: true },
  out: { type: 'string' },
} as const;

export function parseReportArgs(argv: string[]): RedrawRequest {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true });
  } catch (error) {
    throw new LabError('LAB_OPTION_INVALID', `${messageOf(error)} (${USAGE})`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new LabError('LAB_USAGE', USAGE);
  const { review, screenshot = [], out } = parsed.values;
  return {
    file,
    screenshots: screenshot,
    ...(review !== undefined ? { review } : {}),
    ...(out !== undefined ? { out } : {}),
  };
}
