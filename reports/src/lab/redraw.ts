/**
 * `lab report results.json [--review file] [--screenshot file …] [--run …]`: the PDF again from saved data, e.g.
 * once the review is written and the student's captures are taken, or with a run measured elsewhere (Locust's
 * master and workers on several PCs through `pnpm loadtest locust … --json`) put in a model's place.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { zodIssuesLine } from '@netlab/kit';
import { messageOf } from '@netlab/kit';
import { LabError } from '../errors.js';
import { type Outputs, writeOutputs } from '../write-outputs.js';
import type { Screenshot } from '../report/render-report.js';
import { LoadResult } from '@netlab/loadtest';
import { LabResults, type ScenarioName, type StressRun } from '../results.js';

function read(path: string, what: string): string;
function read(path: string, what: string, binary: 'binary'): Buffer;
function read(path: string, what: string, binary?: 'binary'): string | Buffer {
  try {
    return binary ? readFileSync(path) : readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabError('LAB_USAGE', `${what} ${path}: ${messageOf(error)}`);
  }
}

/** pdfkit embeds PNG and JPEG only; anything else is refused here, naming the file, before the PDF is touched. */
export function readScreenshot(path: string): Screenshot {
  const data = read(path, 'cannot read --screenshot', 'binary');
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  if (!png && !jpeg)
    throw new LabError(
      'LAB_USAGE',
      `--screenshot ${path}: not a PNG or JPEG image (save the capture as .png or .jpg)`,
    );
  return { name: basename(path).normalize('NFC'), data };
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
    const issues = zodIssuesLine(parsed.error.issues.slice(0, 3));
    throw new LabError('LAB_RESULTS_INVALID', `${path}: not a lab results.json (${issues})`);
  }
  return parsed.data;
}

/** A load test's JSON to put into the results as `subject`'s run of `scenario`. */
export interface AddedRun {
  subject: string;
  scenario: ScenarioName;
  file: string;
}

/**
 * A run already there for that subject and scenario is replaced; otherwise it is added, under the subject's own
 * entry when the results know it, else as a `--target` reached at the run's host.
 */
function withRun(results: LabResults, run: AddedRun): LabResults {
  if (results.week !== 5 && results.week !== 6)
    throw new LabError('LAB_USAGE', `--run ${run.file}: week ${results.week}'s results have no load tests`);
  let data: unknown;
  try {
    data = JSON.parse(read(run.file, 'cannot read --run'));
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw new LabError('LAB_RESULTS_INVALID', `--run ${run.file}: not JSON (${messageOf(error)})`);
  }
  const parsed = LoadResult.safeParse(data);
  if (!parsed.success)
    throw new LabError(
      'LAB_RESULTS_INVALID',
      `--run ${run.file}: not a load test's --json result (${zodIssuesLine(parsed.error.issues.slice(0, 3))})`,
    );
  const known = results.stress.find((r) => r.subject.name === run.subject)?.subject;
  const added: StressRun = {
    subject: known ?? { name: run.subject, origin: 'target', url: parsed.data.target, command: null },
    scenario: run.scenario,
    error: null,
    result: parsed.data,
  };
  const at = results.stress.findIndex((r) => r.subject.name === run.subject && r.scenario === run.scenario);
  const stress = [...results.stress];
  if (at === -1) stress.push(added);
  else stress[at] = added;
  return { ...results, stress };
}

/** What `lab report` was asked: the saved results, an optional review, screenshots, and where to write. */
export interface RedrawRequest {
  file: string;
  review?: string;
  screenshots: string[];
  /** Runs measured elsewhere, put in before drawing. */
  runs?: AddedRun[];
  /** Default: beside the results file. */
  out?: string;
}

export async function redrawReport(request: RedrawRequest): Promise<Outputs> {
  const results = (request.runs ?? []).reduce(withRun, loadResults(request.file));
  const review = request.review ? read(request.review, 'cannot read --review') : null;
  const screenshots = request.screenshots.map(readScreenshot);
  return writeOutputs(results, request.out ?? dirname(request.file), {
    command: `pnpm lab:week${results.week}`,
    review,
    screenshots,
  });
}
