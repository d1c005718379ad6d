import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LoadtestError } from '../errors.js';
import { writeFileAtomic } from '@netlab/kit';
import type { LoadResult } from '../result.js';
import { renderHtml } from '../views/html.js';
import { resultJson } from '../views/json.js';
import { writeLocustCsv } from '../views/locust-csv.js';
import type { Outputs } from './args.js';

/** Checks before a run that every output can be written, so a typo costs no load test. */
export function checkOutputs(outputs: Outputs | Record<string, string>): void {
  for (const [flag, path] of Object.entries(outputs)) {
    if (!path) continue;
    const dir = dirname(resolve(path));
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      accessSync(dir, constants.W_OK);
    } catch {
      throw new LoadtestError(
        'LOADTEST_OPTIONS_INVALID',
        `--${flag} ${path}: directory ${dir} does not exist or is not writable`,
      );
    }
  }
}

/** Writes the views asked for; returns the files written. */
export async function writeOutputs(outputs: Outputs, results: readonly LoadResult[]): Promise<string[]> {
  const written: string[] = [];
  const [only] = results;
  if (outputs.json) {
    const data = results.length === 1 ? only : results;
    await writeFileAtomic(outputs.json, resultJson(data));
    written.push(outputs.json);
  }
  if (outputs.csv && only) written.push(...(await writeLocustCsv(outputs.csv, only)));
  if (outputs.html && only) {
    await writeFileAtomic(outputs.html, renderHtml(only));
    written.push(outputs.html);
  }
  return written;
}
