import type { Rubric } from '@netlab/assignments';
import { type LateRule, lateFactor } from './late-penalty.js';

/** What the checks found, reduced to numbers: the only input the score depends on. */
export interface ScoreInput {
  points: number;
  rubric: Rubric;
  submitted: boolean;
  /** A report that is not graded at all (`NO_REPORT`, `REPORT_FORMAT`) zeroes the assignment. */
  reportGradable: boolean;
  /** Share of the report part earned: sections found and images, 0..1. */
  reportFraction: number;
  reportMisnamed: boolean;
  /** The report shows the load test ran against this machine (`LOOPBACK`). */
  loopback: boolean;
  /** Share of the server checks passed, 0..1. */
  serverFraction: number;
  /** Shares of the concurrency and load probes earned, 0..1 (their rubric parts default to 0). */
  concurrencyFraction: number;
  loadFraction: number;
  hasCode: boolean;
  lateDays: number;
  late: Pick<LateRule, 'latePenaltyPerDay' | 'maxLateDays'>;
  copy: boolean;
}

export interface ScoreBreakdown {
  server: number;
  concurrency: number;
  load: number;
  report: number;
  code: number;
  namePenalty: number;
  loopbackPenalty: number;
  /** Parts minus the name and loopback penalties, floored at 0. */
  base: number;
  lateFactor: number;
  afterLate: number;
  score: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Rubric parts, then 10% off per day late, then COPY (80%+ similarity) sets the score to 0 for both. */
export function computeScore(input: ScoreInput): ScoreBreakdown {
  const { points, rubric } = input;
  const gradable = input.submitted && input.reportGradable;
  const server = gradable && input.hasCode ? rubric.server * points * clamp01(input.serverFraction) : 0;
  const concurrency =
    gradable && input.hasCode ? rubric.concurrency * points * clamp01(input.concurrencyFraction) : 0;
  const load = gradable && input.hasCode ? rubric.load * points * clamp01(input.loadFraction) : 0;
  const report = gradable ? rubric.report * points * clamp01(input.reportFraction) : 0;
  const code = gradable && input.hasCode ? rubric.code * points : 0;
  const namePenalty = gradable && input.reportMisnamed ? rubric.reportNamePenalty * points : 0;
  const loopbackPenalty = gradable && input.loopback ? rubric.loopbackPenalty * points : 0;
  const parts = { server, concurrency, load, report, code, namePenalty, loopbackPenalty };
  const rounded = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round2(v)])) as typeof parts;
  return { ...rounded, ...finishScore(parts, lateFactor(input.lateDays, input.late), input.copy) };
}

type ScoreParts = Pick<
  ScoreBreakdown,
  'server' | 'concurrency' | 'load' | 'report' | 'code' | 'namePenalty' | 'loopbackPenalty'
>;

/** From the parts on: minus the deductions, floored at 0, × the late factor, 0 for COPY (also after an override). */
export function finishScore(
  p: ScoreParts,
  factor: number,
  copy: boolean,
): Pick<ScoreBreakdown, 'base' | 'lateFactor' | 'afterLate' | 'score'> {
  const base = Math.max(
    0,
    p.server + p.concurrency + p.load + p.report + p.code - p.namePenalty - p.loopbackPenalty,
  );
  const afterLate = base * factor;
  return {
    base: round2(base),
    lateFactor: round2(factor),
    afterLate: round2(afterLate),
    score: round2(copy ? 0 : afterLate),
  };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
