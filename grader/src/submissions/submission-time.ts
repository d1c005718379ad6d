import type { ManifestRow } from './class-csv.js';
import type { StudentSubmission } from './discover.js';

export type TimeSource = 'manifest' | 'Moodle worksheet' | 'Blackboard attempt' | 'Git commit' | 'mtime';

export interface SubmissionTime {
  at: Date;
  source: TimeSource;
}

/**
 * When the student submitted, from the most direct record there is: the TA's manifest (several rows: the latest
 * counts), the roster's time (Moodle's worksheet), the layout's own (Blackboard attempt, Git commit), and only
 * then the file modification time.
 */
export function submissionTime(
  studentId: string,
  manifest: ManifestRow[] | null,
  submission: Pick<StudentSubmission, 'mtime' | 'layoutTime'>,
  rosterTime?: Date,
): SubmissionTime {
  const rows = (manifest ?? []).filter((r) => r.student_id === studentId);
  if (rows.length) {
    const latest = Math.max(...rows.map((r) => Date.parse(r.submitted_at)));
    return { at: new Date(latest), source: 'manifest' };
  }
  if (rosterTime) return { at: rosterTime, source: 'Moodle worksheet' };
  if (submission.layoutTime) return submission.layoutTime;
  return { at: submission.mtime, source: 'mtime' };
}
