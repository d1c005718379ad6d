import type { HttpCheck } from '../src/index.js';

export interface HttpReply {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** Split a raw HTTP/1.x response; only CRLF line ends count, as the checks require. */
export function parseReply(raw: Buffer): HttpReply {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0)
    throw new Error(
      `no CRLF blank line after the headers: ${JSON.stringify(raw.toString('latin1').slice(0, 80))}`,
    );
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3}) /.exec(statusLine)?.[1]);
  const headers = new Map(
    lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status, headers, body: raw.subarray(end + 4) };
}

export function requestFor(check: HttpCheck): string {
  return (
    check.raw ?? `${check.method} ${check.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`
  );
}

/** What is wrong with a reply for a check (empty when it passes), following the field docs in spec.ts. */
export function checkProblems(check: HttpCheck, reply: HttpReply): string[] {
  const problems: string[] = [];
  if (reply.status !== check.status) problems.push(`status ${reply.status}, expected ${check.status}`);
  const type = reply.headers.get('content-type') ?? '';
  if (check.contentType && type.split(';')[0]!.trim().toLowerCase() !== check.contentType.toLowerCase()) {
    problems.push(`Content-Type ${type}, expected ${check.contentType}`);
  }
  if (check.bodyContains && !reply.body.toString('utf8').includes(check.bodyContains)) {
    problems.push(`body lacks ${JSON.stringify(check.bodyContains)}`);
  }
  if (check.contentLength && reply.headers.get('content-length') !== String(reply.body.length)) {
    problems.push(
      `Content-Length ${reply.headers.get('content-length')}, body has ${reply.body.length} bytes`,
    );
  }
  return problems;
}
