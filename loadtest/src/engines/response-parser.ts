/**
 * An HTTP/1.x response parser lenient where students' servers are (header lines ended by `\n`
 * alone, no Content-Length, body ended by closing the connection: RFC 9112 §6.3 rule 8) and strict
 * where it matters (a status line, `name: value` headers, a valid length or chunk size).
 */
export interface ParsedResponse {
  status: number;
  bodyBytes: number;
  /** The connection may carry another request. */
  reusable: boolean;
  /** The Location header, read for redirects. */
  location: string | null;
}

export class MalformedResponse extends Error {}

const MAX_HEAD = 64 * 1024;
const EMPTY = Buffer.alloc(0);
type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' };

export class ResponseParser {
  private head: Buffer | null = null;
  private status = 0;
  private reusable = false;
  private location: string | null = null;
  private framing: Framing | null = null;
  private bodyBytes = 0;
  private chunkBuf: Buffer = EMPTY;
  private chunkLeft = -1;
  private lastHead: {
    bytes: Buffer;
    headRequest: boolean;
    status: number;
    reusable: boolean;
    location: string | null;
    framing: Framing;
  } | null = null;
  /** Bytes seen so far: zero at a close means the server hung up without answering. */
  received = 0;

  constructor(private headRequest = false) {}

  /** Ready for the next response on this or a new connection. */
  reset(headRequest: boolean): void {
    this.headRequest = headRequest;
    this.head = null;
    this.status = 0;
    this.reusable = false;
    this.location = null;
    this.framing = null;
    this.bodyBytes = 0;
    this.chunkBuf = EMPTY;
    this.chunkLeft = -1;
    this.received = 0;
  }

  /**
   * Feeds bytes; returns the response once complete, else null. Throws MalformedResponse.
   * `chunk` may be a reused read buffer: what is kept past this call is copied.
   */
  feed(chunk: Buffer): ParsedResponse | null {
    this.received += chunk.length;
    if (!this.framing) {
      const buf: Buffer = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = headEnd(buf);
      if (!end) {
        if (buf.length > MAX_HEAD) throw new MalformedResponse('response head over 64 KiB');
        this.head = buf === chunk ? Buffer.from(chunk) : buf;
        return null;
      }
      this.head = null;
      this.readHead(buf, end.at);
      chunk = buf.subarray(end.at + end.length);
    }
    return this.body(chunk);
  }

  /** The connection closed: completes a close-delimited body or reports what is missing. */
  end(): ParsedResponse {
    if (!this.framing) {
      throw new MalformedResponse(
        this.received === 0 ? 'closed before response' : 'connection closed inside the header',
      );
    }
    if (this.framing.kind === 'close') return this.done();
    throw new MalformedResponse('connection closed before the end of the body');
  }

  /**
   * A server repeats its head byte for byte on a kept-alive connection (until its Date header
   * ticks), so a head equal to the last one takes the last one's reading instead of a parse.
   */
  private readHead(buf: Buffer, at: number): void {
    const last = this.lastHead;
    if (
      last &&
      last.headRequest === this.headRequest &&
      last.bytes.length === at &&
      buf.compare(last.bytes, 0, at, 0, at) === 0
    ) {
      this.status = last.status;
      this.reusable = last.reusable;
      this.location = last.location;
      this.framing = { ...last.framing };
      return;
    }
    this.parseHead(buf.toString('latin1', 0, at));
    this.lastHead = {
      bytes: Buffer.from(buf.subarray(0, at)),
      headRequest: this.headRequest,
      status: this.status,
      reusable: this.reusable,
      location: this.location,
      framing: { ...this.framing! },
    };
  }

  /** One pass over the head: only the status, the three framing headers and Location are read. */
  private parseHead(text: string): void {
    let end = lineEnd(text, 0);
    const first = text.slice(0, end).replace(/\r$/, '');
    const statusLine = STATUS_LINE.exec(first);
    if (!statusLine) throw new MalformedResponse(`bad status line "${first.slice(0, 40)}"`);
    const minor = statusLine[1];
    this.status = Number(statusLine[2]);
    const framing: FramingHeaders = { length: null, chunked: false, connection: '', location: null };
    for (let start = end + 1; start < text.length; start = end + 1) {
      end = lineEnd(text, start);
      readHeader(text, start, end, framing);
    }
    const { length, chunked, connection } = framing;
    this.location = framing.location;
    const noBody = this.headRequest || this.status < 200 || this.status === 204 || this.status === 304;
    if (noBody) this.framing = { kind: 'length', remaining: 0 };
    else if (chunked) this.framing = { kind: 'chunked' };
    else if (length !== null) this.framing = { kind: 'length', remaining: length };
    else this.framing = { kind: 'close' };
    const persistent = minor === '1' ? connection !== 'close' : connection === 'keep-alive';
    this.reusable = persistent && this.framing.kind !== 'close';
  }

  private body(chunk: Buffer): ParsedResponse | null {
    const framing = this.framing!;
    if (framing.kind === 'close') {
      this.bodyBytes += chunk.length;
      return null;
    }
    if (framing.kind === 'length') {
      const take = Math.min(chunk.length, framing.remaining);
      framing.remaining -= take;
      this.bodyBytes += take;
      if (framing.remaining > 0) return null;
      if (take < chunk.length) throw pastTheEnd(chunk.length - take);
      return this.done();
    }
    return this.chunked(chunk);
  }

  private chunked(chunk: Buffer): ParsedResponse | null {
    let buf = this.chunkBuf.length ? Buffer.concat([this.chunkBuf, chunk]) : chunk;
    for (;;) {
      if (this.chunkLeft > 0) {
        const take = Math.min(buf.length, this.chunkLeft);
        this.bodyBytes += take;
        this.chunkLeft -= take;
        buf = buf.subarray(take);
        if (this.chunkLeft > 0) break;
      }
      const nl = buf.indexOf(10);
      if (nl < 0) break;
      const line = buf.toString('latin1', 0, nl).trim();
      buf = buf.subarray(nl + 1);
      if (this.chunkLeft === 0) {
        this.chunkLeft = -1; // the CRLF after a chunk's data
        if (line !== '') throw new MalformedResponse('chunk data longer than its size');
        continue;
      }
      if (this.chunkLeft === -2) {
        if (line !== '') continue;
        if (buf.length > 0) throw pastTheEnd(buf.length); // after the end of the trailers
        return this.done();
      }
      const size = /^([0-9a-fA-F]+)(;.*)?$/.exec(line);
      if (!size) throw new MalformedResponse(`bad chunk size "${line.slice(0, 20)}"`);
      const n = Number.parseInt(size[1]!, 16);
      this.chunkLeft = n === 0 ? -2 : n;
    }
    this.chunkBuf = Buffer.from(buf);
    return null;
  }

  private done(): ParsedResponse {
    return {
      status: this.status,
      bodyBytes: this.bodyBytes,
      reusable: this.reusable,
      location: this.location,
    };
  }
}

/**
 * We never pipeline, so a byte after the end of a response is a framing error: usually a
 * Content-Length counted in characters where the UTF-8 body is longer.
 */
const pastTheEnd = (extra: number) =>
  new MalformedResponse(`${extra} byte(s) after the end of the response (Content-Length too small?)`);

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?:[ \t].*)?$/;

interface FramingHeaders {
  length: number | null;
  chunked: boolean;
  connection: string;
  location: string | null;
}

/** The end of the line starting at `from`: its `\n`, or the end of the text. */
function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/**
 * Checks one `name: value` line and reads it if it frames the body or is Location. Names shorter
 * than "connection", except 8-letter ones, cannot be one of those, so most lines cost an indexOf
 * and no strings.
 */
function readHeader(text: string, start: number, end: number, into: FramingHeaders): void {
  const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  const colon = text.indexOf(':', start);
  if (colon <= start || colon >= stop) {
    throw new MalformedResponse(`bad header line "${text.slice(start, Math.min(stop, start + 40))}"`);
  }
  if (colon - start === 8) {
    if (text.slice(start, colon).toLowerCase() === 'location')
      into.location = text.slice(colon + 1, stop).trim();
    return;
  }
  if (colon - start < 10) return;
  const name = text.slice(start, colon).trim().toLowerCase();
  if (name === 'content-length') {
    const value = text.slice(colon + 1, stop).trim();
    if (!/^\d+$/.test(value)) throw new MalformedResponse(`bad Content-Length "${value}"`);
    into.length = Number(value);
  } else if (name === 'transfer-encoding') {
    into.chunked = /chunked\s*$/i.test(text.slice(colon + 1, stop));
  } else if (name === 'connection') {
    into.connection = text
      .slice(colon + 1, stop)
      .trim()
      .toLowerCase();
  }
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const LF_LF = Buffer.from('\n\n');

/** Where the head ends: the first blank line, `\r\n\r\n` or `\n\n`. */
function headEnd(buf: Buffer): { at: number; length: number } | null {
  const crlf = buf.indexOf(CRLF_CRLF);
  // A `\n\n` ends the head first only if it starts by the `\r\n\r\n`'s second `\n`; the
  // backward search reads just the head, not the body after it.
  const lfBefore = crlf < 0 ? 0 : buf.lastIndexOf(LF_LF, crlf + 1);
  const lf = lfBefore < 0 ? -1 : buf.indexOf(LF_LF);
  if (lf >= 0 && (crlf < 0 || lf < crlf + 2)) return { at: lf, length: 2 };
  if (crlf >= 0) return { at: crlf, length: 4 };
  return null;
}
