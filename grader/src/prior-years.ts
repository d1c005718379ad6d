import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CodeSpec } from '@netlab/assignments';
import { collectCode } from './checks/code.js';
import { GraderError } from './errors.js';
import type { Submission } from './similarity/index.js';
import { discoverSubmissions } from './submissions/discover.js';
import type { ZipLimits } from './submissions/zip-extract.js';

/** A prior submission as the similarity engine and the outputs know it: `<year>:<student id>`. */
export interface PriorStudent {
  id: string;
  year: string;
}

/** Read from an `--against` folder. */
export interface PriorYears {
  submissions: Submission[];
  /** Key (`<year>:<id>`) → who it is. */
  students: Map<string, PriorStudent>;
  warnings: string[];
}

/**
 * The year an `--against` folder holds: the last 4-digit year (19xx/20xx) in its path
 * (`…/2018/week6` → 2018), else the folder's own name.
 */
export function priorYear(dir: string): string {
  const years = path.resolve(dir).match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g);
  return years?.at(-1) ?? path.basename(path.resolve(dir));
}

/** Every submission with code in each folder, in the same layouts as the class (folders, zips, flat files). */
export async function readPriorYears(
  dirs: readonly string[],
  code: Pick<CodeSpec, 'glob'>,
  workDir: string,
  zipLimits?: ZipLimits,
): Promise<PriorYears> {
  const out: PriorYears = { submissions: [], students: new Map(), warnings: [] };
  for (const [n, dir] of dirs.entries()) {
    if (!(await stat(dir).catch(() => null))?.isDirectory()) {
      throw new GraderError(
        'GRADER_INPUT_MISSING',
        `--against folder ${dir} does not exist: pass an earlier class's submissions folder`,
      );
    }
    const year = priorYear(dir);
    const found = await discoverSubmissions(
      dir,
      path.join(workDir, `prior-${n}`),
      zipLimits ? { limits: zipLimits } : {},
    );
    out.warnings.push(...found.warnings.map((w) => `--against ${year}: ${w}`));
    for (const sub of found.submissions) {
      const files = (await collectCode(sub.files, code)).files;
      const key = `${year}:${sub.studentId}`;
      if (files.length === 0 || out.students.has(key)) continue;
      out.students.set(key, { id: sub.studentId, year });
      out.submissions.push({ id: key, files: files.map((f) => ({ path: f.rel, content: f.content })) });
    }
  }
  return out;
}
