const DAY_MS = 24 * 60 * 60 * 1000;

export interface LateRule {
  deadline: Date;
  graceMinutes: number;
  latePenaltyPerDay: number;
  maxLateDays: number;
}

/** Started days after deadline + grace: one second late is one day (course rule: 10% per started day). */
export function lateDays(submittedAt: Date, rule: Pick<LateRule, 'deadline' | 'graceMinutes'>): number {
  const cutoff = rule.deadline.getTime() + rule.graceMinutes * 60_000;
  const lateMs = submittedAt.getTime() - cutoff;
  return lateMs <= 0 ? 0 : Math.ceil(lateMs / DAY_MS);
}

/** Multiplier on the score: 1 − penalty × days, floored at 0; past `maxLateDays` nothing is left. */
export function lateFactor(days: number, rule: Pick<LateRule, 'latePenaltyPerDay' | 'maxLateDays'>): number {
  if (days <= 0) return 1;
  if (days > rule.maxLateDays) return 0;
  return Math.max(0, 1 - rule.latePenaltyPerDay * days);
}
