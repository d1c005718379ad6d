import type { Kgram } from './fingerprint.js';
import type { FragmentSource } from './profile.js';
import type { Fragment, Span } from './types.js';

/** A diagonal run of matching k-grams: A's k-grams [a, a + length) equal B's [b, b + length). */
interface Run {
  a: number;
  b: number;
  length: number;
}

function follows(kgrams: readonly Kgram[], index: number): boolean {
  const prev = kgrams[index - 1];
  const cur = kgrams[index];
  return prev !== undefined && cur !== undefined && prev.unit === cur.unit && prev.start + 1 === cur.start;
}

function runsBetween(a: readonly Kgram[], b: readonly Kgram[]): Run[] {
  const positions = new Map<number, number[]>();
  b.forEach(({ hash }, j) => {
    const list = positions.get(hash);
    if (list === undefined) positions.set(hash, [j]);
    else list.push(j);
  });
  const runs: Run[] = [];
  let previous = new Map<number, Run>();
  a.forEach(({ hash }, i) => {
    const current = new Map<number, Run>();
    const continues = follows(a, i);
    for (const j of positions.get(hash) ?? []) {
      const run = continues && follows(b, j) ? previous.get(j - 1) : undefined;
      if (run !== undefined) {
        run.length++;
        current.set(j, run);
      } else {
        const fresh = { a: i, b: j, length: 1 };
        runs.push(fresh);
        current.set(j, fresh);
      }
    }
    previous = current;
  });
  return runs;
}

/** Longest runs first, each k-gram used once on either side (greedy tiling), then in A's order. */
function tile(runs: Run[], aCount: number, bCount: number): Run[] {
  const usedA = new Uint8Array(aCount);
  const usedB = new Uint8Array(bCount);
  const kept: Run[] = [];
  runs.sort((x, y) => y.length - x.length || x.a - y.a || x.b - y.b);
  for (const run of runs) {
    let free = true;
    for (let t = 0; t < run.length && free; t++) free = !usedA[run.a + t] && !usedB[run.b + t];
    if (!free) continue;
    usedA.fill(1, run.a, run.a + run.length);
    usedB.fill(1, run.b, run.b + run.length);
    kept.push(run);
  }
  return kept.sort((x, y) => x.a - y.a || x.b - y.b);
}

function span(profile: FragmentSource, first: number, count: number, k: number): Span {
  const head = profile.kgrams[first] as Kgram;
  const tail = profile.kgrams[first + count - 1] as Kgram;
  const unit = profile.units[head.unit];
  if (unit === undefined) throw new Error(`k-gram refers to a missing unit in ${profile.id}`);
  const lastToken = Math.min(tail.start + k, unit.tokens.length) - 1;
  let endLine = 0;
  for (let t = head.start; t <= lastToken; t++) endLine = Math.max(endLine, unit.endLines[t] ?? 0);
  return {
    file: profile.files[unit.file]?.path ?? '',
    startLine: unit.startLines[head.start] ?? 1,
    endLine,
  };
}

/**
 * Matching regions of two submissions' non-template code, as line ranges in each: runs of the
 * loose family's k-grams (length k), kept when at least `minRun` k-grams long.
 */
export function fragmentsBetween(
  a: FragmentSource,
  b: FragmentSource,
  k: number,
  minRun: number,
): Fragment[] {
  const [ka, kb] = [a.kgrams, b.kgrams];
  const runs = tile(runsBetween(ka, kb), ka.length, kb.length).filter((run) => run.length >= minRun);
  return runs.map((run) => ({ a: span(a, run.a, run.length, k), b: span(b, run.b, run.length, k) }));
}
