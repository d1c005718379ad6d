/**
 * One check of an assignment spec over a raw TCP socket: students' servers often end header lines with a bare
 * `\n` or omit Content-Length, which HTTP clients reject, so the reply is parsed leniently by hand.
 */
import { connect } from 'node:net';
import type { HttpCheck } from '@netlab/assignments';

export interface CheckOutcome {
  request: string;
  expected: string;
  actual: string;
  pass: boolean;
}

const MAX_REPLY = 4 * 1024 * 1024;

function exchange(host: string, port: number, request: string, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = connect({ host, port });
    const done = (error?: Error) => {
      socket.destroy();
      if (error && size === 0) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no complete reply within ${timeoutMs / 1000} s`)));
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_REPLY || complete(Buffer.concat(chunks))) done();
    });
    socket.on('end', () => done());
    socket.on('error', (e) => done(e));
  });
}

interface Reply {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

function parse(data: Buffer): Reply | null {
  const text = data.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  if (!end) return null;
  const [statusLine = '', ...lines] = text.slice(0, end.index).split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1];
  if (!status) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(status), headers, body: data.subarray(end.index + end[0].length) };
}

function complete(data: Buffer): boolean {
  const reply = parse(data);
  const length = reply?.headers.get('content-length');
  return reply !== null && length !== undefined && reply.body.length >= Number(length);
}

export function describeExpected(check: HttpCheck): string {
  const parts = [String(check.status)];
  if (check.contentType) parts.push(check.contentType);
  if (check.contentLength) parts.push('Content-Length');
  if (check.bodyContains) parts.push(`body ∋ "${check.bodyContains}"`);
  return parts.join(', ');
}

export async function runCheck(
  host: string,
  port: number,
  check: HttpCheck,
  timeoutMs = 10_000,
): Promise<CheckOutcome> {
  const request =
    check.raw ??
    `${check.method} ${check.path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`;
  const shown = check.raw ? JSON.stringify(check.raw) : `${check.method} ${check.path}`;
  const expected = describeExpected(check);
  let data: Buffer;
  try {
    data = await exchange(host, port, request, timeoutMs);
  } catch (error) {
    return { request: shown, expected, actual: (error as Error).message, pass: false };
  }
  const reply = parse(data);
  if (!reply)
    return {
      request: shown,
      expected,
      actual: data.length ? 'not an HTTP response' : 'empty reply',
      pass: false,
    };
  const type = reply.headers.get('content-type') ?? '';
  const problems: string[] = [];
  if (reply.status !== check.status) problems.push(`status ${reply.status}`);
  if (check.contentType && !type.toLowerCase().startsWith(check.contentType.toLowerCase()))
    problems.push(`Content-Type "${type || 'none'}"`);
  if (check.bodyContains && !reply.body.toString('utf8').includes(check.bodyContains))
    problems.push(`body lacks "${check.bodyContains}"`);
  if (check.contentLength && check.method !== 'HEAD') {
    const declared = reply.headers.get('content-length');
    if (declared === undefined) problems.push('no Content-Length');
    else if (Number(declared) !== reply.body.length)
      problems.push(`Content-Length ${declared} ≠ body ${reply.body.length} bytes`);
  }
  const seen = [String(reply.status), type].filter(Boolean).join(', ');
  return {
    request: shown,
    expected,
    actual: problems.length ? problems.join('; ') : seen,
    pass: problems.length === 0,
  };
}
