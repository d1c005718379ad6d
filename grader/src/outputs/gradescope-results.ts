import type { AssignmentSpec } from '@netlab/assignments';
import { FLAG_TEXT } from '../flag-text.js';
import type { Flag } from '../flags.js';
import type { StudentResult } from '../grade-class.js';
import { feedbackMarkdown } from './feedback-md.js';
import { formatNumber } from './grade-rows.js';

/**
 * Gradescope's autograder `results.json` (gradescope-autograders.readthedocs.io, "Autograder Specifications",
 * "Output format"): the top-level `score` overrides the tests' sum, so deductions (late days, a misnamed report,
 * COPY) appear as tests of their own with `max_score` 0.
 */
export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'md';
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  output: string;
  output_format: 'md';
  test_output_format: 'md';
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
}

type Part = 'server' | 'concurrency' | 'load' | 'report' | 'code';

const PARTS: { part: Part; name: string; flags: Flag[] }[] = [
  { part: 'server', name: '서버 Server', flags: ['PORT', 'NO_CODE'] },
  { part: 'concurrency', name: '동시 접속 Concurrency', flags: ['BLOCKING'] },
  { part: 'load', name: '부하 Load', flags: ['LOAD'] },
  { part: 'report', name: '보고서 Report', flags: ['NO_REPORT', 'REPORT_FORMAT', 'REPORT_SECTIONS'] },
  { part: 'code', name: '코드 Code', flags: ['NO_CODE'] },
];

function test(name: string, score: number, max: number, passed: boolean, lines: string[]): GradescopeTest {
  return {
    name,
    score,
    max_score: max,
    status: passed ? 'passed' : 'failed',
    output: lines.length ? lines.join('\n') : passed ? '✓' : '✗',
    output_format: 'md',
    visibility: 'visible',
  };
}

const flagLine = (f: Flag) => `- \`${f}\`: ${FLAG_TEXT[f].ko} ${FLAG_TEXT[f].en}`;

/** One student's results.json: a test per rubric part, one per deduction, the whole feedback as the output. */
export function gradescopeResults(
  s: StudentResult,
  spec: AssignmentSpec,
  sandboxWarning?: string,
): GradescopeResults {
  const b = s.breakdown;
  const tests: GradescopeTest[] = [];
  for (const { part, name, flags } of PARTS) {
    const max = Math.round(spec.rubric[part] * spec.points * 100) / 100;
    if (max <= 0) continue;
    const mine = s.flags.filter((f) => flags.includes(f));
    tests.push(test(name, b[part], max, b[part] >= max, mine.map(flagLine)));
  }
  if (b.namePenalty > 0)
    tests.push(test('보고서 이름 Report name', -b.namePenalty, 0, false, [flagLine('REPORT_NAME')]));
  if (b.lateFactor < 1) {
    const lost = Math.round((b.afterLate - b.base) * 100) / 100;
    tests.push(
      test('지각 Late', lost, 0, false, [`${s.lateDays} day(s) late: × ${formatNumber(b.lateFactor)}`]),
    );
  }
  if (s.flags.includes('COPY')) tests.push(test('표절 Copy', -b.afterLate, 0, false, [flagLine('COPY')]));
  return {
    score: s.score,
    output: feedbackMarkdown(s, spec, sandboxWarning),
    output_format: 'md',
    test_output_format: 'md',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}
