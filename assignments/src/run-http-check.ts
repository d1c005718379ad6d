/**
 * Runs one spec `HttpCheck` over a raw TCP socket. The grader and `pnpm lab:week3` both use it, so students see
 * exactly the verdict the TA's grader gives. Raw bytes, not an HTTP client: students' servers often end header
 * lines with a bare `\n` or omit Content-Length, which HTTP clients reject; the reply is parsed leniently.
 */
import net from 'node:net';
import type { HttpCheck } from './spec.js';

export interface HttpReply {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** One way a reply differs from its check; each caller words these for its own readers. */
export type CheckFinding =
  | { kind: 'status'; got: number; want: number }
  | { kind: 'content-type'; got: string; want: string }
  | { kind: 'body'; want: string }
  | { kind: 'no-content-length' }
  | { kind: 'content-length'; declared: string; bodyBytes: number };

export type HttpCheckRun =
  | { outcome: 'no-reply'; message: string }
  | { outcome: 'not-http'; empty: boolean }
  | { outcome: 'reply'; reply: HttpReply; findings: CheckFinding[] };

const MAX_REPLY_BYTES = 4 * 1024 * 1024;

/**
 * Sends bytes and collects the reply until the server closes, `complete` says so, or `timeoutMs` passes in all
 * (a whole-exchange deadline, so a server trickling bytes cannot hold a check open).
 */
export function exchangeRaw(
  host: string,
  port: number,
  request: string,
  timeoutMs: number,
  complete: (data: Buffer) => boolean = replyComplete,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = net.connect({ host, port });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error && size === 0) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(
      () => finish(new Error(`no complete reply within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_REPLY_BYTES || complete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (e) => finish(e));
  });
}

/** Complete once the headers are in and the Content-Length body (if declared) has arrived. */
function replyComplete(data: Buffer): boolean {
  const reply = parseHttpReply(data);
  if (!reply) return false;
  const length = Number(reply.headers.get('content-length'));
  return Number.isFinite(length) && reply.headers.has('content-length') && reply.body.length >= length;
}

/** Tolerant parse: `\r\n` or `\n` line ends. Null while the header block is incomplete or not HTTP. */
export function parseHttpReply(data: Buffer): HttpReply | null {
  const text = data.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return null;
  const [statusLine = '', ...lines] = text.slice(0, m.index).split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1];
  if (!status) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { status: Number(status), headers, body: data.subarray(m.index + m[0].length) };
}

/** How a reply differs from the check (empty when it passes); `contentType` is a case-insensitive prefix. */
export function checkFindings(check: HttpCheck, reply: HttpReply): CheckFinding[] {
  const findings: CheckFinding[] = [];
  if (reply.status !== check.status) findings.push({ kind: 'status', got: reply.status, want: check.status });
  const type = reply.headers.get('content-type') ?? '';
  if (check.contentType && !type.toLowerCase().startsWith(check.contentType.toLowerCase()))
    findings.push({ kind: 'content-type', got: type, want: check.contentType });
  if (check.bodyContains && !reply.body.toString('utf8').includes(check.bodyContains))
    findings.push({ kind: 'body', want: check.bodyContains });
  if (check.contentLength && check.method !== 'HEAD') {
    const declared = reply.headers.get('content-length');
    if (declared === undefined) findings.push({ kind: 'no-content-length' });
    else if (Number(declared) !== reply.body.length)
      findings.push({ kind: 'content-length', declared, bodyBytes: reply.body.length });
  }
  return findings;
}

export async function runHttpCheck(
  host: string,
  port: number,
  check: HttpCheck,
  timeoutMs: number,
): Promise<HttpCheckRun> {
  const request =
    check.raw ??
    `${check.method} ${check.path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`;
  let data: Buffer;
  try {
    data = await exchangeRaw(host, port, request, timeoutMs);
  } catch (error) {
    return { outcome: 'no-reply', message: (error as Error).message };
  }
  const reply = parseHttpReply(data);
  if (!reply) return { outcome: 'not-http', empty: data.length === 0 };
  return { outcome: 'reply', reply, findings: checkFindings(check, reply) };
}
