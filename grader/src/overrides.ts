import type { AssignmentSpec } from '@netlab/assignments';
import { z } from 'zod';
import { GraderError } from './errors.js';
import { type Flag, sortFlags } from './flags.js';
import { finishScore, type ScoreBreakdown } from './score.js';

/** Rubric parts an override may set, in points; only those the spec weighs count. */
const PARTS = ['server', 'report', 'code', 'concurrency', 'load'] as const;
type Part = (typeof PARTS)[number];
/** Flags a TA may set or clear: the similarity verdicts, which the rules leave to a person. */
const FLAG_PARTS = ['flag:+COPY', 'flag:-COPY', 'flag:+REVIEW', 'flag:-REVIEW'] as const;

const nfc = (s: string) => s.normalize('NFC').trim();

export const OverrideRow = z.object({
  student_id: z.string().transform(nfc).pipe(z.string().min(1, 'is empty')),
  part: z.string().trim().min(1, 'is empty'),
  value: z.string().trim().default(''),
  reason: z.string().transform(nfc).pipe(z.string().min(1, 'is empty: say why the score changes')),
});
export type OverrideRow = z.infer<typeof OverrideRow>;

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Most points `part` can take under `spec`, or undefined for a part the spec does not grade. */
function partMax(part: string, spec: AssignmentSpec): number | undefined {
  if (part === 'score') return spec.points;
  if (!(PARTS as readonly string[]).includes(part)) return undefined;
  const weight = spec.rubric[part as Part] ?? 0;
  return weight > 0 ? round2(weight * spec.points) : undefined;
}

/**
 * Every row names a student of the class, a part the spec grades (`score`, a rubric part, `flag:±COPY`,
 * `flag:±REVIEW`) and, for points, a number between 0 and that part's maximum; the first row that does not
 * stops the run before any server starts.
 */
export function validateOverrides(rows: OverrideRow[], ids: Set<string>, spec: AssignmentSpec): void {
  rows.forEach((r, i) => {
    const where = `overrides row ${i + 2} (${r.student_id},${r.part})`;
    const fail = (what: string) => {
      throw new GraderError('GRADER_OVERRIDE_INVALID', `${where}: ${what}`);
    };
    if (!ids.has(r.student_id))
      fail(`student ${r.student_id} is not in this class (roster, manifest or submissions)`);
    if ((FLAG_PARTS as readonly string[]).includes(r.part)) return;
    const max = partMax(r.part, spec);
    if (max === undefined) {
      const parts = PARTS.filter((p) => partMax(p, spec) !== undefined);
      fail(
        `part ${r.part} is not graded by this spec (use score, ${parts.join(', ')} or ${FLAG_PARTS.join(', ')})`,
      );
    }
    const value = Number(r.value);
    if (r.value === '' || !Number.isFinite(value) || value < 0 || value > (max ?? 0))
      fail(`value ${JSON.stringify(r.value)} is not a number of points from 0 to ${max}`);
  });
}

export interface Overridden {
  breakdown: ScoreBreakdown;
  flags: Flag[];
  /** `조정 Override: …— reason`, one per row, for the notes and the feedback. */
  lines: string[];
}

/**
 * Applies one student's override rows in file order, after every rule: a part replaces that part's points and
 * the score is recomputed through the name deduction, the late factor and `COPY`; a flag row sets or clears
 * the flag (clearing `COPY` lifts its zero); `score` replaces the final score. Adds `OVERRIDE`.
 */
export function applyOverrides(b: ScoreBreakdown, flags: Flag[], rows: OverrideRow[]): Overridden {
  if (!rows.length) return { breakdown: b, flags, lines: [] };
  const out = { ...b };
  const set = new Set(flags);
  const lines: string[] = [];
  let recompute = false;
  let finalScore: number | undefined;
  for (const r of rows) {
    const flag = /^flag:([+-])(\w+)$/.exec(r.part);
    if (flag) {
      if (flag[1] === '+') set.add(flag[2] as Flag);
      else set.delete(flag[2] as Flag);
      recompute = true;
      lines.push(`조정 Override: ${r.part.slice(5)} — ${r.reason}`);
    } else if (r.part === 'score') {
      finalScore = Number(r.value);
      lines.push(`조정 Override: score → ${finalScore} — ${r.reason}`);
    } else {
      const part = r.part as Part;
      lines.push(`조정 Override: ${part} ${out[part]} → ${Number(r.value)} — ${r.reason}`);
      out[part] = Number(r.value);
      recompute = true;
    }
  }
  if (recompute) Object.assign(out, finishScore(out, out.lateFactor, set.has('COPY')));
  if (finalScore !== undefined) out.score = finalScore;
  set.add('OVERRIDE');
  return { breakdown: out, flags: sortFlags(set), lines };
}
