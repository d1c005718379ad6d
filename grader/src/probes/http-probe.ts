import {
  type CheckFinding,
  exchangeRaw,
  type HttpCheck,
  runHttpCheck as runCheck,
} from '@netlab/assignments';

// The exchange and the check rules live in @netlab/assignments, shared with `pnpm lab:week3`; this is the grader's wording.
export { parseHttpReply as parseReply } from '@netlab/assignments';

export interface ProbeResult {
  label: string;
  ok: boolean;
  /** The server replied at all (right or wrong) before the timeout. */
  answered: boolean;
  /** What went wrong, or what was seen. */
  detail: string;
}

/** Student servers are only ever contacted on loopback. */
export function rawExchange(
  port: number,
  request: string,
  timeoutMs: number,
  complete?: (data: Buffer) => boolean,
): Promise<Buffer> {
  return exchangeRaw('127.0.0.1', port, request, timeoutMs, complete);
}

export function checkLabel(check: HttpCheck): string {
  return check.name ?? `${check.method} ${check.path} → ${check.status}`;
}

function wordFinding(finding: CheckFinding): string {
  switch (finding.kind) {
    case 'status':
      return `status ${finding.got}, expected ${finding.want}`;
    case 'content-type':
      return `Content-Type "${finding.got}", expected ${finding.want}`;
    case 'body':
      return `body lacks "${finding.want}"`;
    case 'no-content-length':
      return 'no Content-Length';
    case 'content-length':
      return `Content-Length ${finding.declared}, body ${finding.bodyBytes} bytes`;
  }
}

/** Runs one spec check against 127.0.0.1:port and says what differed. */
export async function runHttpCheck(port: number, check: HttpCheck, timeoutMs: number): Promise<ProbeResult> {
  const label = checkLabel(check);
  const run = await runCheck('127.0.0.1', port, check, timeoutMs);
  if (run.outcome === 'no-reply') return { label, ok: false, answered: false, detail: run.message };
  if (run.outcome === 'not-http') {
    const detail = run.empty ? 'empty reply' : 'reply is not an HTTP response';
    return { label, ok: false, answered: true, detail };
  }
  const { reply, findings } = run;
  return {
    label,
    ok: findings.length === 0,
    answered: true,
    detail: findings.map(wordFinding).join('; ') || `status ${reply.status}`,
  };
}
