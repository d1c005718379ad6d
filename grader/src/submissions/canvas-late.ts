import { courseTime } from '../time-offset.js';
import type { StudentSubmission } from './discover.js';
import type { SubmissionTime } from './submission-time.js';

/**
 * Canvas knows when a student submitted and writes `_LATE_` into the download's names; the download's file times
 * are the zip's, not the student's. So for a Canvas submission the marker decides whether it is late, and the
 * best time there is decides by how many days: a marked submission is at least one day late, an unmarked one
 * is not late by its file time alone (a TA's manifest still counts).
 */
export function canvasLateDays(
  days: number,
  time: SubmissionTime | undefined,
  sub: Pick<StudentSubmission, 'lms' | 'lateMarker'>,
  isoDeadline: string,
): { days: number; note?: string } {
  if (sub.lms?.system !== 'canvas' || !time) return { days };
  const when = `${time.source} time ${courseTime(time.at, isoDeadline)}`;
  if (sub.lateMarker && days === 0)
    return {
      days: 1,
      note: `Canvas marks this submission LATE but the ${when} is not after the deadline: 1 day counted, check the time in Canvas`,
    };
  if (sub.lateMarker) return { days, note: 'Canvas marks this submission LATE' };
  if (days > 0 && time.source === 'mtime')
    return {
      days: 0,
      note: `the ${when} is after the deadline but Canvas does not mark the submission LATE: not counted late`,
    };
  return { days };
}
