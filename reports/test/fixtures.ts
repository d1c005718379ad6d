import { readFileSync } from 'node:fs';
import { LabResults } from '../src/results.js';

/** The committed week-6 fixture (regenerate with `pnpm exec tsx test/fixtures/make-results.ts`). */
export function week6Fixture(): LabResults {
  return LabResults.parse(
    JSON.parse(readFileSync(new URL('./fixtures/week6-results.json', import.meta.url), 'utf8')),
  );
}
