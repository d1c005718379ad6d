import type { AssignmentSpec } from '@netlab/assignments';
import { formatValue } from '../checks/load-thresholds.js';
import { FLAG_TEXT } from '../flag-text.js';
import type { ServerRun } from '../checks/server-run.js';
import type { StudentResult } from '../grade-class.js';
import type { TimeSource } from '../submissions/submission-time.js';
import { courseTime } from '../time-offset.js';
import { formatNumber as n } from './grade-rows.js';

/** Where the submission time came from, as the feedback names it. */
const TIME_SOURCE: Record<TimeSource, string> = {
  manifest: 'manifest.csv',
  'Moodle worksheet': 'Moodle grading worksheet',
  'Blackboard attempt': 'Blackboard attempt',
  'Git commit': 'last Git commit',
  mtime: 'file time',
};

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
  out.push(...blockingExplained(s));
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
  const local = (at: Date) => courseTime(at, spec.deadline);
  const when = s.time ? `${local(s.time.at)} (${TIME_SOURCE[s.time.source]})` : '?';
  rows.push(['제출 시각 Submitted', `${when}; deadline ${local(s.deadline)}; ${s.lateDays} day(s) late`]);
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
      rows.push(...probeRows(r.run));
    }
  }
  return rows;
}

/** The concurrency and load probes of one server, as table rows. */
function probeRows(run: ServerRun): [string, string][] {
  const rows: [string, string][] = [];
  const c = run.concurrency;
  if (c) {
    const held = `${c.probe?.stalled ?? 0} held clients`;
    const result = c.skipped
      ? `✗ ${c.skipped}`
      : c.blocked
        ? `✗ ${c.blocked.label}: no reply in ${c.blocked.waitedMs} ms with ${held} (limit ${c.spec.timeoutMs} ms)`
        : `✓ every check answered with ${held}, slowest ${Math.max(0, ...(c.probe?.results ?? []).map((x) => x.waitedMs))} ms (limit ${c.spec.timeoutMs} ms)`;
    rows.push(['동시성 Concurrency', result]);
  }
  const l = run.load;
  if (l) {
    const m = l.measure;
    const spec = `${l.spec.users} users, ${l.spec.duration}${l.spec.newConnectionPerRequest ? ', a new connection per request' : ''}`;
    if (l.skipped || !m) rows.push([`부하 Load (${spec})`, `✗ ${l.skipped ?? 'not run'}`]);
    else {
      const kinds = Object.entries(m.failuresByKind).map(([k, v]) => `${k} ${v}`);
      rows.push([
        `부하 Load (${spec})`,
        `${m.requests} requests, ${m.failures} failed${kinds.length ? ` (${kinds.join(', ')})` : ''}; ${Math.round(m.okRps)} responses/s; p50 ${Math.round(m.p50Ms)} ms, p95 ${Math.round(m.p95Ms)} ms, p99 ${Math.round(m.p99Ms)} ms`,
      ]);
      if (m.generatorNote) rows.push(['부하 생성기 Load generator', m.generatorNote]);
    }
    for (const t of l.thresholds)
      rows.push([
        `부하 기준 Load ${t.name}`,
        `${t.passed ? '✓' : '✗'} ${formatValue(t.name, t.value)} (expected ${t.expected})`,
      ]);
  }
  return rows;
}

/** What BLOCKING means, with the student's own numbers. */
function blockingExplained(s: StudentResult): string[] {
  const runs = (s.port?.runs ?? []).filter((r) => r.run?.concurrency?.blocked);
  if (!runs.length) return [];
  const out = ['', '### 동시성 검사 / The concurrency check', ''];
  for (const r of runs) {
    const c = r.run?.concurrency;
    if (!c?.blocked) continue;
    const { label, waitedMs } = c.blocked;
    out.push(
      `- ${r.entry}: 채점기는 클라이언트 ${c.spec.stalledClients}개를 먼저 연결해 두고(하나는 요청 줄의 절반만 보내고 기다리고, 하나는 아무것도 보내지 않음) 같은 검사를 다시 실행했습니다. 검사 "${label}"는 ${waitedMs} ms 동안 응답을 받지 못했습니다 (제한 ${c.spec.timeoutMs} ms). 서버가 한 클라이언트의 recv에서 기다리는 동안 다른 클라이언트는 아무도 처리되지 않는다는 뜻입니다. select로 준비된 소켓만 읽거나, 클라이언트마다 스레드나 프로세스를 쓰고 다음 accept 전에 join()으로 기다리지 마세요.`,
      `- ${r.entry}: the grader first connected ${c.spec.stalledClients} clients and held them (one sent half a request line and waited, one sent nothing), then ran the same checks again. Check "${label}" got no reply in ${waitedMs} ms (limit ${c.spec.timeoutMs} ms). While your server waits in one client's recv, no other client is served. Read only sockets select() says are ready, or give each client its own thread or process, and do not join() it before the next accept.`,
    );
  }
  return out;
}

function scoreLines(s: StudentResult, spec: AssignmentSpec): string[] {
  const b = s.breakdown;
  const part = (share: number) => n(share * spec.points);
  const lines = [
    `- 서버 Server: ${n(b.server)} / ${part(spec.rubric.server)}`,
    `- 보고서 Report: ${n(b.report)} / ${part(spec.rubric.report)}`,
    `- 코드 Code: ${n(b.code)} / ${part(spec.rubric.code)}`,
  ];
  if (spec.rubric.concurrency)
    lines.push(`- 동시성 Concurrency: ${n(b.concurrency)} / ${part(spec.rubric.concurrency)}`);
  if (spec.rubric.load) lines.push(`- 부하 Load: ${n(b.load)} / ${part(spec.rubric.load)}`);
  if (b.namePenalty) lines.push(`- 파일명 감점 Report name: −${n(b.namePenalty)}`);
  if (b.loopbackPenalty) lines.push(`- loopback 대상 감점 Load test on localhost: −${n(b.loopbackPenalty)}`);
  lines.push(`- 소계 Subtotal: ${n(b.base)}`);
  if (s.lateDays > 0) {
    lines.push(
      `- 지각 Late: ${s.lateDays} day(s) × ${n(spec.latePenaltyPerDay * 100)}% → × ${n(b.lateFactor)} = ${n(b.afterLate)}`,
    );
  }
  if (s.flags.includes('COPY')) lines.push('- 표절 COPY → 0');
  lines.push(...s.overrides.map((o) => `- ${o}`));
  lines.push(`- 최종 Final: **${n(s.score)} / ${n(s.maxPoints)}**`);
  return lines;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
