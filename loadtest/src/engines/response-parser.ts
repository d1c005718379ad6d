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
}

export class MalformedResponse extends Error {}

const MAX_HEAD = 64 * 1024;
type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' };

export class ResponseParser {
  private head: Buffer | null = null;
  private status = 0;
  private reusable = false;
  private framing: Framing | null = null;
  private bodyBytes = 0;
  private chunkBuf: Buffer = Buffer.alloc(0);
  private chunkLeft = -1;
  /** Bytes seen so far: zero at a close means the server hung up without answering. */
  received = 0;

  constructor(private readonly headRequest = false) {}

  /** Feeds bytes; returns the response once complete, else null. Throws MalformedResponse. */
  feed(chunk: Buffer): ParsedResponse | null {
    this.received += chunk.length;
    if (!this.framing) {
      const buf: Buffer = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = headEnd(buf);
      if (!end) {
        if (buf.length > MAX_HEAD) throw new MalformedResponse('response head over 64 KiB');
        this.head = buf;
        return null;
      }
      this.head = null;
      this.parseHead(buf.toString('latin1', 0, end.at));
      chunk = buf.subarray(end.at + end.length);
    }
    return this.body(chunk);
  }

  /** The connection closed: completes a close-delimited body or reports what is missing. */
  end(): ParsedResponse {
    if (!this.framing) {
      throw new MalformedResponse(
        this.received === 0 ? 'connection closed without a response' : 'connection closed inside the header',
      );
    }
    if (this.framing.kind === 'close') return this.done();
    throw new MalformedResponse('connection closed before the end of the body');
  }

  private parseHead(text: string): void {
    const lines = text.split(/\r?\n/);
    const statusLine = /^HTTP\/1\.([01]) (\d{3})(?:[ \t].*)?$/.exec(lines[0] ?? '');
    if (!statusLine) throw new MalformedResponse(`bad status line "${(lines[0] ?? '').slice(0, 40)}"`);
    const minor = statusLine[1];
    this.status = Number(statusLine[2]);
    let length: number | null = null;
    let chunked = false;
    let connection = '';
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MalformedResponse(`bad header line "${line.slice(0, 40)}"`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d+$/.test(value)) throw new MalformedResponse(`bad Content-Length "${value}"`);
        length = Number(value);
      } else if (name === 'transfer-encoding') chunked = /chunked\s*$/i.test(value);
      else if (name === 'connection') connection = value.toLowerCase();
    }
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
      return framing.remaining === 0 ? this.done() : null;
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
        if (line === '') return this.done(); // end of trailers
        continue;
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
    return { status: this.status, bodyBytes: this.bodyBytes, reusable: this.reusable };
  }
}

/** Where the head ends: the first blank line, `\r\n\r\n` or `\n\n`. */
function headEnd(buf: Buffer): { at: number; length: number } | null {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return null;
  if (lf >= 0 && (crlf < 0 || lf < crlf + 2)) return { at: lf, length: 2 };
  return { at: crlf, length: 4 };
}
