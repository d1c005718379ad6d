import type { ManifestRow } from './class-csv.js';

export interface SubmissionTime {
  at: Date;
  source: 'manifest' | 'mtime';
}

/** The manifest's latest time for the student (several rows: the latest counts), else the file modification time. */
export function submissionTime(
  studentId: string,
  manifest: ManifestRow[] | null,
  mtime: Date,
): SubmissionTime {
  const rows = (manifest ?? []).filter((r) => r.student_id === studentId);
  if (!rows.length) return { at: mtime, source: 'mtime' };
  const latest = Math.max(...rows.map((r) => Date.parse(r.submitted_at)));
  return { at: new Date(latest), source: 'manifest' };
}
