import type { ClassResult } from '../grade-class.js';

export const GRADE_COLUMNS = [
  'student_id',
  'name',
  'score',
  'max_points',
  'late_days',
  'flags',
  'notes',
] as const;
export type GradeRow = Record<(typeof GRADE_COLUMNS)[number], string>;

/** One row per student, sorted by id (code-unit order, so every machine sorts alike). */
export function gradeRows(result: Pick<ClassResult, 'students'>): GradeRow[] {
  return [...result.students]
    .sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0))
    .map((s) => ({
      student_id: s.studentId,
      name: s.name,
      score: formatNumber(s.score),
      max_points: formatNumber(s.maxPoints),
      late_days: String(s.lateDays),
      flags: s.flags.join(';'),
      notes: s.notes.join(' / '),
    }));
}

export function formatNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}
