/** The result tables as plain data; the terminal and the PDF each draw them their own way. */
import { fmtInt, fmtMs } from './format.js';
import { comparable, findRun, metricValue, subjectsOf } from './metrics.js';
import type { LabResults, StressRun } from './results.js';

export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  /** Columns holding numbers are right-aligned. */
  numeric: boolean[];
}

/** Why a run's numbers need a second look: its error, mostly failed requests, or a saturated generator. */
function runNotes(run: StressRun): string[] {
  if (run.error) return [`${run.scenario}: ${run.error}`];
  const r = run.result;
  if (!r) return [];
  const notes: string[] = [];
  if (r.requests > 0 && !comparable(run)) {
    // Kinds name most failures well ("timeout"); for HTTP statuses and the rest the error text says more ("HTTP 501").
    const kinds = Object.entries(r.failuresByKind)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([kind]) =>
        kind === 'status' || kind === 'other'
          ? (r.failureRows.find((f) => f.kind === kind)?.error ?? kind)
          : kind,
      )
      .join(', ');
    notes.push(`${run.scenario} ${Math.round((r.failures / r.requests) * 100)}% 실패(${kinds})`);
  }
  if (r.generatorBound) notes.push(`${run.scenario} 생성기 포화(값은 하한)`);
  return notes;
}

function stressTable(results: LabResults): Table | null {
  if (results.stress.length === 0) return null;
  const cap = results.profile?.ramp.maxUsers;
  const hasOpen = results.stress.some((r) => r.scenario === 'open');
  const rows = subjectsOf(results.stress).map((subject) => {
    const ramp = findRun(results.stress, subject, 'ramp');
    const fixed = findRun(results.stress, subject, 'fixed');
    const open = findRun(results.stress, subject, 'open');
    const runs = [ramp, fixed, open].filter((r): r is StressRun => r !== undefined);
    const users = metricValue(ramp, 'users_at_first_failure');
    const notes = runs.flatMap(runNotes);
    // One cause (a server that never started) spoils every scenario: say it once.
    if (ramp?.error && runs.every((r) => r.error === ramp.error)) notes.splice(0, notes.length, ramp.error);
    return [
      subject,
      users !== null ? fmtInt(users) : ramp?.result ? `> ${fmtInt(cap)}` : '—',
      fmtInt(metricValue(ramp, 'max_rps')),
      fmtMs(metricValue(ramp, 'mean_response_ms')),
      fmtInt(metricValue(fixed, 'failures')),
      fmtInt(metricValue(fixed, 'rps')),
      fmtMs(metricValue(fixed, 'mean_response_ms')),
      ...(hasOpen
        ? [
            fmtInt(metricValue(open, 'rps')),
            fmtMs(metricValue(open, 'mean_response_ms')),
            fmtMs(metricValue(open, 'p99_ms')),
          ]
        : []),
      notes.join('; '),
    ];
  });
  const rate = results.profile?.open?.rate;
  return {
    title: `부하 시험: 램프(첫 실패까지), 고정 부하${hasOpen ? `, 고정 도착률(${fmtInt(rate)} req/s)` : ''} — req/s와 ms는 성공 응답만`,
    headers: [
      'model',
      'ramp: users at 1st failure',
      'ramp: max req/s',
      'ramp: mean ms',
      'fixed: failures',
      'fixed: req/s',
      'fixed: mean ms',
      ...(hasOpen ? ['open: req/s', 'open: mean ms', 'open: p99 ms'] : []),
      'notes',
    ],
    rows,
    numeric: [false, true, true, true, true, true, true, ...(hasOpen ? [true, true, true] : []), false],
  };
}

function checksTable(results: LabResults): Table | null {
  if (results.checks.length === 0) return null;
  return {
    title: 'HTTP conformance (the checks the grader runs)',
    headers: ['server', 'check', 'request', 'expected', 'actual', 'result'],
    rows: results.checks.map((c) => [
      c.subject.name,
      c.check,
      c.request,
      c.expected,
      c.actual,
      c.pass ? 'PASS' : 'FAIL',
    ]),
    numeric: [false, false, false, false, false, false],
  };
}

function echoTable(results: LabResults): Table | null {
  if (results.echo.length === 0) return null;
  return {
    title: 'Echo round trips',
    headers: ['server', 'messages', 'errors', 'messages/s', 'avg ms', 'p50 ms', 'p99 ms', 'max ms', 'notes'],
    rows: results.echo.map((e) => [
      e.subject.name,
      fmtInt(e.messages),
      fmtInt(e.errors),
      fmtInt(e.messagesPerSec),
      fmtMs(e.latencyMs.avg),
      fmtMs(e.latencyMs.p50),
      fmtMs(e.latencyMs.p99),
      fmtMs(e.latencyMs.max),
      e.error ?? '',
    ]),
    numeric: [false, true, true, true, true, true, true, true, false],
  };
}

function attendanceTable(results: LabResults): Table | null {
  if (results.attendance.length === 0) return null;
  return {
    title: 'Attendance server smoke test',
    headers: ['step', 'expected', 'actual', 'result'],
    rows: results.attendance.map((a) => [a.step, a.expected, a.actual, a.pass ? 'PASS' : 'FAIL']),
    numeric: [false, false, false, false],
  };
}

export function tablesFor(results: LabResults): Table[] {
  return [stressTable(results), checksTable(results), echoTable(results), attendanceTable(results)].filter(
    (t): t is Table => t !== null,
  );
}
