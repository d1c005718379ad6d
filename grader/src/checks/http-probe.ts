import net from 'node:net';
import type { HttpCheck } from '@netlab/assignments';

export interface ProbeResult {
  label: string;
  ok: boolean;
  /** What went wrong, or what was seen. */
  detail: string;
}

export interface HttpReply {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

const MAX_REPLY_BYTES = 4 * 1024 * 1024;

/**
 * Sends bytes over a raw socket (students' servers often send `\n` line ends that HTTP clients reject) and
 * collects the reply until the server closes, `complete` says so, or the timeout.
 */
export function rawExchange(
  port: number,
  request: string,
  timeoutMs: number,
  complete: (data: Buffer) => boolean = replyComplete,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = net.connect({ host: '127.0.0.1', port });
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
  const reply = parseReply(data);
  if (!reply) return false;
  const length = Number(reply.headers.get('content-length'));
  return Number.isFinite(length) && reply.headers.has('content-length') && reply.body.length >= length;
}

/** Tolerant parse: `\r\n` or `\n` line ends. Null while the header block is incomplete or not HTTP. */
export function parseReply(data: Buffer): HttpReply | null {
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

export function checkLabel(check: HttpCheck): string {
  return check.name ?? `${check.method} ${check.path} → ${check.status}`;
}

/** Runs one spec check against 127.0.0.1:port and says what differed. */
export async function runHttpCheck(port: number, check: HttpCheck, timeoutMs: number): Promise<ProbeResult> {
  const label = checkLabel(check);
  const request =
    check.raw ??
    `${check.method} ${check.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;
  let data: Buffer;
  try {
    data = await rawExchange(port, request, timeoutMs);
  } catch (error) {
    return { label, ok: false, detail: (error as Error).message };
  }
  const reply = parseReply(data);
  if (!reply)
    return { label, ok: false, detail: data.length ? 'reply is not an HTTP response' : 'empty reply' };
  const problems: string[] = [];
  if (reply.status !== check.status) problems.push(`status ${reply.status}, expected ${check.status}`);
  const type = reply.headers.get('content-type') ?? '';
  if (check.contentType && !type.toLowerCase().startsWith(check.contentType.toLowerCase())) {
    problems.push(`Content-Type "${type}", expected ${check.contentType}`);
  }
  if (check.bodyContains && !reply.body.toString('utf8').includes(check.bodyContains)) {
    problems.push(`body lacks "${check.bodyContains}"`);
  }
  if (check.contentLength && check.method !== 'HEAD') {
    const declared = reply.headers.get('content-length');
    if (declared === undefined) problems.push('no Content-Length');
    else if (Number(declared) !== reply.body.length)
      problems.push(`Content-Length ${declared}, body ${reply.body.length} bytes`);
  }
  return { label, ok: problems.length === 0, detail: problems.join('; ') || `status ${reply.status}` };
}
