import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  head: string;
  body: Buffer;
}

/** Splits a buffer holding one or more HTTP responses (each with Content-Length, or read to close). */
export function parseResponses(raw: Buffer, headOnly = false): RawResponse[] {
  const responses: RawResponse[] = [];
  let offset = 0;
  while (offset < raw.length) {
    const end = raw.indexOf('\r\n\r\n', offset);
    if (end === -1)
      throw new Error(`incomplete response head: ${raw.subarray(offset, offset + 80).toString('latin1')}`);
    const head = raw.toString('latin1', offset, end);
    const [statusLine, ...lines] = head.split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3}) /.exec(statusLine ?? '')?.[1] ?? Number.NaN);
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = headers.has('content-length')
      ? Number(headers.get('content-length'))
      : raw.length - end - 4;
    const bodyLength = headOnly ? 0 : length;
    responses.push({ status, headers, head, body: raw.subarray(end + 4, end + 4 + bodyLength) });
    offset = end + 4 + bodyLength;
  }
  return responses;
}

export interface ExchangeOptions {
  /** Pieces written one after another, each waiting for the previous write to be flushed. */
  pieces?: (string | Buffer)[];
  timeoutMs?: number;
}

/** Connects, writes the request (optionally in pieces), and returns everything read until the server closes. */
export function exchange(
  port: number,
  request: string | Buffer,
  options: ExchangeOptions = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    socket.setTimeout(options.timeoutMs ?? 30_000, () => socket.destroy(new Error('no close from server')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('connect', async () => {
      for (const piece of options.pieces ?? [request]) {
        await new Promise<void>((done) => socket.write(piece, () => setImmediate(done)));
      }
    });
  });
}

/** One request, one parsed response (the server must close the connection after it). */
export async function request(
  port: number,
  raw: string,
  options: ExchangeOptions = {},
): Promise<RawResponse> {
  const bytes = await exchange(port, raw, options);
  const responses = parseResponses(bytes, raw.startsWith('HEAD '));
  if (responses.length !== 1) throw new Error(`expected one response, got ${responses.length}`);
  return responses[0]!;
}

export const get = (port: number, target: string, extra = ''): Promise<RawResponse> =>
  request(port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`);

/** A client connection that sends requests one at a time and reads each response by its Content-Length. */
export class Conversation {
  private readonly socket: net.Socket;
  private buffered = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  readonly connected: Promise<void>;
  readonly closed: Promise<void>;
  ended = false;

  constructor(port: number) {
    this.socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    this.connected = new Promise((resolve) => this.socket.once('connect', () => resolve()));
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
    this.socket.on('error', () => {});
    this.socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiter?.();
    });
    this.socket.on('end', () => {
      this.ended = true;
      this.waiter?.();
    });
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Resolves with the next complete response; rejects if the server closes first. */
  async next(): Promise<RawResponse> {
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end !== -1) {
        const length = Number(
          /content-length: *(\d+)/i.exec(this.buffered.toString('latin1', 0, end))?.[1] ?? 0,
        );
        if (this.buffered.length >= end + 4 + length) {
          const [response] = parseResponses(this.buffered.subarray(0, end + 4 + length));
          this.buffered = this.buffered.subarray(end + 4 + length);
          return response!;
        }
      }
      if (this.ended) throw new Error('server closed the connection before a full response');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}
