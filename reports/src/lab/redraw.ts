/** `lab report results.json [--review file]`: the PDF again from saved data, e.g. once the review is written. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { LabError, messageOf } from '../errors.js';
import { type Outputs, writeOutputs } from '../output/write-outputs.js';
import { LabResults } from '../results.js';

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabError('LAB_USAGE', `${what} ${path}: ${messageOf(error)}`);
  }
}

export function loadResults(path: string): LabResults {
  let data: unknown;
  try {
    data = JSON.parse(read(path, 'cannot read results'));
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw new LabError('LAB_RESULTS_INVALID', `${path}: not JSON (${messageOf(error)})`);
  }
  const parsed = LabResults.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new LabError('LAB_RESULTS_INVALID', `${path}: not a lab results.json (${issues.join('; ')})`);
  }
  return parsed.data;
}

export async function redrawReport(argv: string[]): Promise<Outputs> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { review: { type: 'string' }; out: { type: 'string' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { review: { type: 'string' }, out: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new LabError(
      'LAB_OPTION_INVALID',
      `${messageOf(error)} (usage: lab report results.json [--review FILE] [--out DIR])`,
    );
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length)
    throw new LabError('LAB_USAGE', 'usage: lab report results.json [--review FILE] [--out DIR]');
  const results = loadResults(file);
  const review = parsed.values.review ? read(parsed.values.review, 'cannot read --review') : null;
  return writeOutputs(results, parsed.values.out ?? dirname(file), {
    command: `pnpm lab:week${results.week}`,
    review,
  });
}
