/** Request heads bigger than this get 431 (RFC 6585 §5); 8 KiB is what nginx and node:http allow by default. */
export const MAX_HEAD_BYTES = 8 * 1024;

export interface HttpRequest {
  method: string;
  target: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minorVersion: number;
  /** Lower-cased names; a repeated header keeps its last value. */
  headers: ReadonlyMap<string, string>;
}

export type ParseResult =
  | { kind: 'incomplete' }
  | { kind: 'error'; status: 400 | 431 | 505; reason: string }
  | { kind: 'request'; request: HttpRequest; length: number };

// RFC 9110 §5.6.2 token characters, used for the method and header names.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const REQUEST_LINE = new RegExp(`^(${TOKEN}) ([^\\s]+) HTTP/(\\d)\\.(\\d)$`);
const HEADER_LINE = new RegExp(`^(${TOKEN}):[ \\t]*(.*?)[ \\t]*$`);
const FORBIDDEN_IN_VALUE = /[\0\r\n]/;

/** Where the head ends (after its blank line), accepting bare LF line ends as RFC 9112 §2.2 allows. */
function headEnd(buf: Buffer): number {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf === -1) return lf === -1 ? -1 : lf + 2;
  if (lf === -1 || crlf < lf) return crlf + 4;
  return lf + 2;
}

/** Parses one request head from the front of `buf`; bytes past `length` belong to the next request. */
export function parseRequest(buf: Buffer): ParseResult {
  // RFC 9112 §2.2: ignore empty lines before the request line.
  let start = 0;
  while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  const rest = start === 0 ? buf : buf.subarray(start);
  const end = headEnd(rest);
  if (end === -1) {
    return rest.length > MAX_HEAD_BYTES
      ? { kind: 'error', status: 431, reason: 'request head over 8 KiB' }
      : { kind: 'incomplete' };
  }
  if (end > MAX_HEAD_BYTES) return { kind: 'error', status: 431, reason: 'request head over 8 KiB' };
  const lines = rest.toString('latin1', 0, end).split(/\r?\n/);
  const match = REQUEST_LINE.exec(lines[0] ?? '');
  if (!match) return { kind: 'error', status: 400, reason: 'malformed request line' };
  const [, method, target, major, minor] = match as unknown as [string, string, string, string, string];
  if (major !== '1') return { kind: 'error', status: 505, reason: `HTTP/${major}.${minor} not supported` };
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const header = HEADER_LINE.exec(line);
    if (!header || FORBIDDEN_IN_VALUE.test(header[2]!)) {
      return { kind: 'error', status: 400, reason: 'malformed header line' };
    }
    headers.set(header[1]!.toLowerCase(), header[2]!);
  }
  const contentLength = headers.get('content-length');
  if (contentLength !== undefined && !/^\d+$/.test(contentLength)) {
    return { kind: 'error', status: 400, reason: 'bad Content-Length' };
  }
  return {
    kind: 'request',
    request: { method, target, minorVersion: Number(minor), headers },
    length: start + end,
  };
}
