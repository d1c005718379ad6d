/** Request heads bigger than this get 431 (RFC 6585 §5); 8 KiB is what nginx and node:http allow by default. */
export const MAX_HEAD_BYTES = 8 * 1024;

/** More digits than this cannot be a length any file or body here has (nginx caps it near 2^63 too). */
const MAX_LENGTH_DIGITS = 15;

export interface HttpRequest {
  method: string;
  target: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minorVersion: number;
  /** Lower-cased names, each at most once except where a list is allowed (see `SINGLE`). */
  headers: ReadonlyMap<string, string>;
  /** Bytes of body that follow the head (Content-Length); 0 when there is none or it is chunked. */
  contentLength: number;
  /** The body is chunked: its end is not known without decoding it. */
  chunked: boolean;
}

export type ParseStatus = 400 | 431 | 501 | 505;

export type ParseResult =
  | { kind: 'incomplete' }
  | { kind: 'error'; status: ParseStatus; reason: string }
  | { kind: 'request'; request: HttpRequest; length: number };

// RFC 9110 §5.6.2 token characters, used for the method and header names.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const REQUEST_LINE = new RegExp(`^(${TOKEN}) ([^\\s]+) HTTP/(\\d)\\.(\\d)$`);
const HEADER_LINE = new RegExp(`^(${TOKEN}):[ \\t]*(.*?)[ \\t]*$`);
const FORBIDDEN_IN_VALUE = /[\0\r\n]/;

/**
 * Headers that decide where a message ends or which site it is for. Two copies of one are how requests
 * get smuggled past a proxy that reads the other copy (RFC 9112 §6.3, §3.2): 400, as nginx answers.
 */
const SINGLE = new Set(['content-length', 'transfer-encoding', 'host']);

const bad = (reason: string, status: ParseStatus = 400): ParseResult => ({ kind: 'error', status, reason });

/** Where the head ends (after its blank line), accepting bare LF line ends as RFC 9112 §2.2 allows. */
function headEnd(buf: Buffer): number {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf === -1) return lf === -1 ? -1 : lf + 2;
  if (lf === -1 || crlf < lf) return crlf + 4;
  return lf + 2;
}

/**
 * A head that can never become valid is refused as soon as its bytes show it, not after the idle
 * timeout: control bytes (a TLS ClientHello starts 0x16 0x03) or a CR that is not followed by LF
 * (RFC 9112 §2.2 lets a server reject bare CR; accepting it is a smuggling vector).
 */
function hopeless(buf: Buffer, end: number): string | undefined {
  for (let i = 0; i < end; i++) {
    const byte = buf[i]!;
    if (byte === 0x0d) {
      if (i + 1 < end && buf[i + 1] !== 0x0a) return 'bare CR in the request head';
    } else if ((byte < 0x20 && byte !== 0x0a && byte !== 0x09) || byte === 0x7f) {
      return 'control bytes in the request head (TLS sent to an HTTP port?)';
    }
  }
  return undefined;
}

/** RFC 9112 §6: how the body is framed, or why the framing cannot be trusted. */
function framing(request: Omit<HttpRequest, 'contentLength' | 'chunked'>): ParseResult | HttpRequest {
  const { headers } = request;
  const length = headers.get('content-length');
  const coding = headers.get('transfer-encoding');
  if (coding !== undefined) {
    if (request.minorVersion === 0) return bad('Transfer-Encoding in an HTTP/1.0 request');
    if (length !== undefined) return bad('both Content-Length and Transfer-Encoding');
    if (coding.toLowerCase() !== 'chunked') return bad(`Transfer-Encoding "${coding}" not supported`, 501);
    return { ...request, contentLength: 0, chunked: true };
  }
  if (length === undefined) return { ...request, contentLength: 0, chunked: false };
  if (!/^\d+$/.test(length) || length.length > MAX_LENGTH_DIGITS) return bad('bad Content-Length');
  return { ...request, contentLength: Number(length), chunked: false };
}

/** Parses one request head from the front of `buf`; bytes past `length` belong to the body or the next request. */
export function parseRequest(buf: Buffer): ParseResult {
  // RFC 9112 §2.2: ignore empty lines before the request line.
  let start = 0;
  while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  const rest = start === 0 ? buf : buf.subarray(start);
  const end = headEnd(rest);
  const problem = hopeless(rest, end === -1 ? Math.min(rest.length, MAX_HEAD_BYTES) : end);
  if (problem) return bad(problem);
  if (end === -1) {
    return rest.length > MAX_HEAD_BYTES ? bad('request head over 8 KiB', 431) : { kind: 'incomplete' };
  }
  if (end > MAX_HEAD_BYTES) return bad('request head over 8 KiB', 431);
  const lines = rest.toString('latin1', 0, end).split(/\r?\n/);
  const match = REQUEST_LINE.exec(lines[0] ?? '');
  if (!match) return bad('malformed request line');
  const [, method, target, major, minor] = match as unknown as [string, string, string, string, string];
  if (major !== '1') return bad(`HTTP/${major}.${minor} not supported`, 505);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    // A line starting with whitespace is obsolete line folding (RFC 9112 §5.2): the regex refuses it too.
    const header = HEADER_LINE.exec(line);
    if (!header || FORBIDDEN_IN_VALUE.test(header[2]!)) return bad('malformed header line');
    const name = header[1]!.toLowerCase();
    if (SINGLE.has(name) && headers.has(name)) return bad(`more than one ${header[1]} header`);
    headers.set(name, header[2]!);
  }
  const minorVersion = Number(minor);
  // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400.
  if (minorVersion >= 1 && !headers.has('host')) return bad('HTTP/1.1 request without Host');
  const request = framing({ method, target, minorVersion, headers });
  if ('kind' in request) return request;
  return { kind: 'request', request, length: start + end };
}
