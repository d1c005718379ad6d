/** Whether a lab report would pass its week's report rules as the grader reads them, checked before a student hands it in. */
import type { ReportSpec } from '@netlab/assignments';

export interface DrawnReport {
  /** The headings the PDF carries. */
  headings: string[];
  /** Raster figures embedded (the grader counts images, not vector drawings). */
  images: number;
  fileName: string;
  student: { id: string; name: string } | null;
}

// The grader's matching: whitespace- and case-insensitive, NFC.
const squash = (text: string) => text.normalize('NFC').replace(/\s+/gu, '').toLowerCase();

/** Each way the report falls short of the spec, in the words the lab prints; empty when it passes. */
export function reportShortfalls(spec: ReportSpec, report: DrawnReport): string[] {
  const hay = squash(report.headings.join('\n'));
  const missing = spec.sections.filter((accepted) => !accepted.some((h) => hay.includes(squash(h))));
  const problems = missing.map((accepted) => `보고서에 "${accepted[0]}" 절이 없다 (section missing)`);
  if (report.images < spec.minImages)
    problems.push(`그림 ${report.images}개, 과제 기준은 ${spec.minImages}개 이상 (images below minImages)`);
  if (!report.student) {
    problems.push(
      `--student 학번 --name 이름 없이 실행해 파일 이름이 ${report.fileName}: 과제 기준은 ${spec.name}`,
    );
  } else {
    const expected = spec.name
      .replaceAll('{studentId}', report.student.id)
      .replaceAll('{name}', report.student.name)
      .normalize('NFC');
    if (report.fileName.normalize('NFC') !== expected)
      problems.push(`파일 이름 ${report.fileName}, 과제 기준은 ${expected}`);
  }
  return problems;
}
