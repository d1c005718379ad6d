import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Submission } from '../src/similarity/index.js';

/** One IR-Plag case: the original and every other file, each a submission named by its path in the case. */
export interface PlagCase {
  name: string;
  original: string;
  submissions: Submission[];
}

/** `N` for an independent solution, `L1`..`L6` for a copy at that disguise level. */
export type Label = 'N' | 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'L6';

export interface Scored {
  case: string;
  label: Label;
  score: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

export function loadIrPlag(root: string): PlagCase[] | undefined {
  const dataset = join(root, 'IR-Plag-Dataset');
  if (!existsSync(dataset)) return undefined;
  return readdirSync(dataset)
    .filter((name) => name.startsWith('case-'))
    .sort()
    .map((name) => {
      const dir = join(dataset, name);
      const submissions = filesUnder(dir)
        .filter((path) => path.endsWith('.java'))
        .map((path) => {
          const id = relative(dir, path);
          return { id, files: [{ path: id, content: readFileSync(path, 'utf8') }] };
        });
      const original = submissions.find((s) => s.id.startsWith('original/'))?.id;
      if (original === undefined) throw new Error(`${dir} has no original/ file`);
      return { name, original, submissions };
    });
}

export function labelOf(id: string): Label {
  if (id.startsWith('non-plagiarized/')) return 'N';
  const level = id.split('/')[1];
  if (
    level === 'L1' ||
    level === 'L2' ||
    level === 'L3' ||
    level === 'L4' ||
    level === 'L5' ||
    level === 'L6'
  ) {
    return level;
  }
  throw new Error(`cannot label IR-Plag file ${id}`);
}

export interface Quality {
  pairs: number;
  /** Share of the pairs at or above the review floor that are copies. */
  precisionAtFloor: number;
  /** Independent pairs in [floor, cut): what a TA opens for nothing. */
  independentInBand: number;
  /** Share of copies at or above the review floor. */
  copiesFromFloor: number;
  /** Share of the pairs at or above the cut that are copies. */
  precision: number;
  flagged: number;
  falsePositives: number;
  recall: Record<Exclude<Label, 'N'>, number>;
  recallL1L2: number;
}

const levels = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'] as const;

/** Precision at the floor and at the cut, independents in the band, recall per level at the cut. */
export function quality(rows: readonly Scored[], cut: number, floor: number): Quality {
  const copies = rows.filter((r) => r.label !== 'N');
  const flagged = rows.filter((r) => r.score >= cut);
  const fromFloor = rows.filter((r) => r.score >= floor);
  const truePositives = flagged.filter((r) => r.label !== 'N').length;
  const share = (subset: readonly Scored[], min: number) =>
    subset.length === 0 ? Number.NaN : subset.filter((r) => r.score >= min).length / subset.length;
  const recall = Object.fromEntries(
    levels.map((level) => [
      level,
      share(
        copies.filter((r) => r.label === level),
        cut,
      ),
    ]),
  ) as Quality['recall'];
  return {
    pairs: rows.length,
    precisionAtFloor:
      fromFloor.length === 0 ? 1 : fromFloor.filter((r) => r.label !== 'N').length / fromFloor.length,
    independentInBand: fromFloor.filter((r) => r.label === 'N' && r.score < cut).length,
    copiesFromFloor: share(copies, floor),
    precision: flagged.length === 0 ? 1 : truePositives / flagged.length,
    flagged: flagged.length,
    falsePositives: flagged.length - truePositives,
    recall,
    recallL1L2: share(
      copies.filter((r) => r.label === 'L1' || r.label === 'L2'),
      cut,
    ),
  };
}
