/**
 * One check of an assignment spec, worded for the lab's conformance table. The exchange and the rules are
 * @netlab/assignments' `runHttpCheck`, the same the grader runs, so students see the TA's verdict.
 */
import { type CheckFinding, type HttpCheck, runHttpCheck } from '@netlab/assignments';

export interface CheckOutcome {
  request: string;
  expected: string;
  actual: string;
  pass: boolean;
}

export function describeExpected(check: HttpCheck): string {
  const parts = [String(check.status)];
  if (check.contentType) parts.push(check.contentType);
  if (check.contentLength) parts.push('Content-Length');
  if (check.bodyContains) parts.push(`body ∋ "${check.bodyContains}"`);
  return parts.join(', ');
}

function wordFinding(finding: CheckFinding): string {
  switch (finding.kind) {
    case 'status':
      return `status ${finding.got}`;
    case 'content-type':
      return `Content-Type "${finding.got || 'none'}"`;
    case 'body':
      return `body lacks "${finding.want}"`;
    case 'no-content-length':
      return 'no Content-Length';
    case 'content-length':
      return `Content-Length ${finding.declared} ≠ body ${finding.bodyBytes} bytes`;
  }
}

export async function runCheck(
  host: string,
  port: number,
  check: HttpCheck,
  timeoutMs = 10_000,
): Promise<CheckOutcome> {
  const request = check.raw ? JSON.stringify(check.raw) : `${check.method} ${check.path}`;
  const expected = describeExpected(check);
  const run = await runHttpCheck(host, port, check, timeoutMs);
  if (run.outcome === 'no-reply') return { request, expected, actual: run.message, pass: false };
  if (run.outcome === 'not-http')
    return { request, expected, actual: run.empty ? 'empty reply' : 'not an HTTP response', pass: false };
  const { reply, findings } = run;
  const seen = [String(reply.status), reply.headers.get('content-type') ?? ''].filter(Boolean).join(', ');
  return {
    request,
    expected,
    actual: findings.length ? findings.map(wordFinding).join('; ') : seen,
    pass: findings.length === 0,
  };
}
