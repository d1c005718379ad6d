/** Flag codes in `grades.csv`, in the order they are printed. */
export const FLAGS = [
  'NO_SUBMISSION',
  'NO_CODE',
  'NO_REPORT',
  'REPORT_FORMAT',
  'REPORT_NAME',
  'REPORT_SECTIONS',
  'LOOPBACK',
  'LATE',
  'PORT',
  'BLOCKING',
  'LOAD',
  'COPY',
  'REVIEW',
  'OVERRIDE',
] as const;
export type Flag = (typeof FLAGS)[number];

/** Unique flags in the canonical order, so output is deterministic whatever order checks ran in. */
export function sortFlags(flags: Iterable<Flag>): Flag[] {
  const set = new Set(flags);
  return FLAGS.filter((f) => set.has(f));
}
