import { FLAGS } from '../flags.js';
import type { ClassResult } from '../grade-class.js';
import { formatNumber } from './grade-rows.js';

const BAR_WIDTH = 30;

/** Terminal summary: counts per flag, a score histogram in ten bins of the maximum, warnings. */
export function terminalSummary(result: ClassResult): string {
  const { students, spec } = result;
  const graded = result.only
    ? 'regraded (--only; everyone else kept as the previous run wrote them)'
    : 'graded';
  const lines = [`${spec.title}: ${students.length} students ${graded}`, '', 'flags:'];
  for (const flag of FLAGS) {
    const count = students.filter((s) => s.flags.includes(flag)).length;
    if (count) lines.push(`  ${flag.padEnd(16)}${String(count).padStart(4)}`);
  }
  if (lines.length === 3) lines.push('  (none)');
  lines.push('', 'scores:');
  const bins = new Array<number>(10).fill(0);
  for (const s of students) bins[Math.min(9, Math.floor((s.score / spec.points) * 10))]! += 1;
  const most = Math.max(1, ...bins);
  bins.forEach((count, i) => {
    const from = formatNumber((spec.points * i) / 10).padStart(5);
    const to = formatNumber((spec.points * (i + 1)) / 10).padStart(5);
    const bar = '█'.repeat(Math.round((count / most) * BAR_WIDTH));
    lines.push(`  ${from}–${to}${i === 9 ? ']' : ')'} ${bar}${count ? ` ${count}` : ''}`);
  });
  const mean = students.length ? students.reduce((t, s) => t + s.score, 0) / students.length : 0;
  lines.push(`  mean ${formatNumber(mean)} / ${formatNumber(spec.points)}`);
  if (result.prior) {
    const { years, submissions, tokenized, file } = result.prior;
    const index = tokenized === 0 ? `index reused from ${file}` : `${tokenized} tokenised, index written`;
    lines.push('', `prior years ${years.join(', ')}: ${submissions} submissions compared (${index})`);
  }
  lines.push(...timeSources(students));
  if (result.unmatched?.length)
    lines.push(
      '',
      'LMS ids not on the roster (graded under that id):',
      ...result.unmatched.map((u) => `  ${u}`),
    );
  if (result.warnings.length) lines.push('', 'warnings:', ...result.warnings.map((w) => `  ${w}`));
  return `${lines.join('\n')}\n`;
}

/** Where each student's submission time came from (it decides LATE), one line per source. */
function timeSources(students: ClassResult['students']): string[] {
  const bySource = new Map<string, string[]>();
  for (const s of students)
    if (s.time) bySource.set(s.time.source, [...(bySource.get(s.time.source) ?? []), s.studentId]);
  if (!bySource.size) return [];
  const width = Math.max(...[...bySource.keys()].map((k) => k.length)) + 2;
  return [
    '',
    'submission times from:',
    ...[...bySource].map(([source, ids]) => `  ${source.padEnd(width)}${ids.join(', ')}`),
  ];
}
