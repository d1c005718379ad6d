import type { AssignmentSpec, HttpCheck } from '@netlab/assignments';
import { formatValue } from '../checks/load-thresholds.js';
import type { ServerRun } from '../checks/server-run.js';
import type { ClassResult } from '../grade-class.js';
import { gradesCsv } from './grades-csv.js';

export const CHECK_COLUMNS = ['student_id', 'check', 'passed', 'value', 'expected', 'detail'] as const;
export type CheckRow = Record<(typeof CHECK_COLUMNS)[number], string>;

/**
 * One row per HTTP/TCP check, concurrency check and load threshold of every server run, students sorted by id
 * (as grades.csv), each student's rows in the order they ran. Servers are named when the spec runs several.
 */
export function checkRows(result: Pick<ClassResult, 'students' | 'spec'>): CheckRow[] {
  const students = [...result.students].sort((a, b) =>
    a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0,
  );
  return students.flatMap((s) => {
    const runs = s.port?.runs ?? [];
    return runs.flatMap((r) => {
      if (!r.run) return [];
      const prefix = runs.length > 1 ? `${r.entry}: ` : '';
      return runRows(r.run, result.spec).map(([check, passed, value, expected, detail]) => ({
        student_id: s.studentId,
        check: prefix + check,
        passed: passed ? 'true' : 'false',
        value,
        expected,
        detail,
      }));
    });
  });
}

type Row = [check: string, passed: boolean, value: string, expected: string, detail: string];

function runRows(run: ServerRun, spec: AssignmentSpec): Row[] {
  const rows: Row[] = run.results.map((r, i) => {
    const http = spec.checks[i];
    const tcp = spec.tcpChecks[i - spec.checks.length];
    const expected = http ? expectedReply(http) : `echo ${JSON.stringify(tcp?.expect ?? tcp?.send ?? '')}`;
    return [`${http ? 'http' : 'tcp'} ${r.label}`, r.ok, '', expected, r.detail];
  });
  const c = run.concurrency;
  if (c?.skipped) rows.push(['concurrency', false, '', '', c.skipped]);
  for (const x of c?.probe?.results ?? []) {
    const expected = `≤ ${c?.spec.timeoutMs} ms with ${c?.probe?.stalled} held clients`;
    rows.push([`concurrency ${x.label}`, x.completed, `${x.waitedMs} ms`, expected, x.detail]);
  }
  const l = run.load;
  if (l) {
    const m = l.measure;
    const detail = l.skipped
      ? l.skipped
      : m
        ? `${m.requests} requests, ${m.failures} failed, p50 ${Math.round(m.p50Ms)} ms, p99 ${Math.round(m.p99Ms)} ms${m.generatorNote ? `; ${m.generatorNote}` : ''}`
        : '';
    for (const t of l.thresholds)
      rows.push([
        `load ${t.name}`,
        t.passed,
        l.skipped ? '' : formatValue(t.name, t.value),
        t.expected,
        detail,
      ]);
  }
  return rows;
}

function expectedReply(c: HttpCheck): string {
  return [
    `status ${c.status}`,
    c.contentType && `Content-Type ${c.contentType}`,
    c.bodyContains && `body contains ${JSON.stringify(c.bodyContains)}`,
    c.contentLength && 'Content-Length',
  ]
    .filter(Boolean)
    .join(', ');
}

/** checks.csv: the same BOM, CRLF and quoting as grades.csv. */
export function checksCsv(result: Pick<ClassResult, 'students' | 'spec'>): string {
  return gradesCsv(checkRows(result), CHECK_COLUMNS);
}
