import type { AssignmentSpec } from '@netlab/assignments';
import { FLAG_TEXT } from '../flag-text.js';
import type { StudentResult } from '../grade-class.js';
import { formatNumber as n } from './grade-rows.js';

/** One student's feedback in Korean and English: what was checked, what failed, how the score was computed. */
export function feedbackMarkdown(s: StudentResult, spec: AssignmentSpec, sandboxWarning?: string): string {
  const out: string[] = [`# ${spec.title} — ${s.studentId} ${s.name}`.trimEnd(), ''];
  if (sandboxWarning) out.push(`> 경고 Warning: ${sandboxWarning}`, '');
  out.push(`**점수 Score: ${n(s.score)} / ${n(s.maxPoints)}**`, '');
  out.push('## 확인한 항목 / What was checked', '', '| 항목 Check | 결과 Result |', '|---|---|');
  for (const [check, result] of checkedRows(s, spec)) out.push(`| ${check} | ${cell(result)} |`);
  out.push('', '## 문제 / What failed', '');
  if (!s.flags.length) out.push('- 없음 / None');
  for (const f of s.flags) out.push(`- \`${f}\`: ${FLAG_TEXT[f].ko} ${FLAG_TEXT[f].en}`);
  if (s.notes.length) out.push('', '### 세부 내용 / Details', '', ...s.notes.map((note) => `- ${note}`));
  out.push('', '## 점수 계산 / How the score was computed', '', ...scoreLines(s, spec));
  for (const r of s.port?.runs ?? []) {
    const tail = r.run?.stderrTail;
    if (!tail) continue;
    out.push(
      '',
      `## 서버 오류 출력 / Server stderr (${r.entry}, last lines)`,
      '',
      '```text',
      tail.replaceAll('```', "'''"),
      '```',
    );
  }
  return `${out.join('\n')}\n`;
}

function checkedRows(s: StudentResult, spec: AssignmentSpec): [string, string][] {
  if (!s.submitted) return [['제출 Submission', '없음 / none']];
  const rows: [string, string][] = [];
  const when = s.time
    ? `${s.time.at.toISOString()} (${s.time.source === 'manifest' ? 'manifest.csv' : 'file time'})`
    : '?';
  rows.push([
    '제출 시각 Submitted',
    `${when}; deadline ${s.deadline.toISOString()}; ${s.lateDays} day(s) late`,
  ]);
  const r = s.report;
  if (r) {
    const name = r.file
      ? `${r.file}${r.nameOk ? ' ✓' : ` ✗ (expected ${r.expectedName})`}`
      : `none (expected ${r.expectedName})`;
    rows.push(['보고서 Report', name]);
    if (r.status === 'ok' || r.status === 'unreadable') {
      const total = spec.report.sections.length;
      const missing = r.sectionsMissing.length ? `; missing: ${r.sectionsMissing.join(', ')}` : '';
      rows.push(['보고서 항목 Sections', `${r.sectionsFound.length}/${total}${missing}`]);
      rows.push(['그림 Images', `${r.images} (min ${r.minImages})`]);
    }
  }
  rows.push(['코드 Code', s.codeFiles.length ? s.codeFiles.join(', ') : 'none']);
  const p = s.port;
  if (p && spec.port !== undefined) {
    const bound = p.staticPorts.length ? p.staticPorts.join(', ') : 'no literal found';
    rows.push(['포트 Port (code)', `${bound}; required ${spec.port}`]);
    for (const r of p.runs) {
      if (!r.run) continue;
      const how = `${r.run.listened ? 'listened' : 'did not listen'}${r.run.failure ? `; ${r.run.failure}` : ''}`;
      rows.push(['서버 실행 Server run', `python3 ${r.entry}: ${how}`]);
      for (const c of r.run.results) rows.push([`검사 Check ${c.label}`, `${c.ok ? '✓' : '✗'} ${c.detail}`]);
    }
  }
  return rows;
}

function scoreLines(s: StudentResult, spec: AssignmentSpec): string[] {
  const b = s.breakdown;
  const part = (share: number) => n(share * spec.points);
  const lines = [
    `- 서버 Server: ${n(b.server)} / ${part(spec.rubric.server)}`,
    `- 보고서 Report: ${n(b.report)} / ${part(spec.rubric.report)}`,
    `- 코드 Code: ${n(b.code)} / ${part(spec.rubric.code)}`,
  ];
  if (b.namePenalty) lines.push(`- 파일명 감점 Report name: −${n(b.namePenalty)}`);
  lines.push(`- 소계 Subtotal: ${n(b.base)}`);
  if (s.lateDays > 0) {
    lines.push(
      `- 지각 Late: ${s.lateDays} day(s) × ${n(spec.latePenaltyPerDay * 100)}% → × ${n(b.lateFactor)} = ${n(b.afterLate)}`,
    );
  }
  if (s.flags.includes('COPY')) lines.push('- 표절 COPY → 0');
  lines.push(`- 최종 Final: **${n(s.score)} / ${n(s.maxPoints)}**`);
  return lines;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
