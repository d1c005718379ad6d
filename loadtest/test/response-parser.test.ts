import { describe, expect, it } from '@jest/globals';
import { MalformedResponse, ResponseParser } from '../src/engines/response-parser.js';

function parse(text: string, splitAt?: number) {
  const parser = new ResponseParser();
  const bytes = Buffer.from(text, 'latin1');
  const parts = splitAt === undefined ? [bytes] : [bytes.subarray(0, splitAt), bytes.subarray(splitAt)];
  for (const part of parts) {
    const done = parser.feed(part);
    if (done) return done;
  }
  return parser.end();
}

describe('the lenient response parser', () => {
  it.each([
    ['CRLF with Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', 200, 5, true],
    [
      "students' \\n-only head, body to close",
      'HTTP/1.1 200 OK\nContent-Type: text/html\n\n<p>hi</p>',
      200,
      9,
      false,
    ],
    [
      'Connection: close',
      'HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno',
      404,
      2,
      false,
    ],
    [
      'chunked',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n',
      200,
      5,
      true,
    ],
    ['HTTP/1.0 without keep-alive', 'HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx', 200, 1, false],
    ['no reason phrase', 'HTTP/1.1 204\r\n\r\n', 204, 0, true],
  ])('%s', (_label, text, status, bodyBytes, reusable) => {
    expect(parse(text)).toEqual({ status, bodyBytes, reusable, location: null });
    expect(parse(text, 7)).toEqual({ status, bodyBytes, reusable, location: null });
  });

  it.each([
    ['not HTTP', 'hello\r\n\r\n', /bad status line/],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n', /bad header line/],
    ['a bad length', 'HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n', /bad Content-Length/],
    ['a body cut short', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', /before the end of the body/],
    ['a head cut short', 'HTTP/1.1 200 OK\r\nContent-', /inside the header/],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /bad chunk size/],
    // A character count used as the length of a UTF-8 body: "안녕" is 2 characters, 6 bytes.
    [
      'bytes past Content-Length',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n\xec\x95\x88\xeb\x85\x95',
      /4 byte\(s\) after the end/,
    ],
    [
      'bytes after the last chunk',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\nxx',
      /2 byte\(s\) after/,
    ],
    ['a body after a 204', 'HTTP/1.1 204 No Content\r\n\r\nhello', /5 byte\(s\) after/],
  ])('rejects %s', (_label, text, message) => {
    expect(() => parse(text)).toThrow(MalformedResponse);
    expect(() => parse(text)).toThrow(message);
  });

  it('reads each response of a kept-alive connection, the repeated head and a changed one alike', () => {
    const parser = new ResponseParser();
    const head = (length: number) => `HTTP/1.1 200 OK\r\nServer: t\r\nContent-Length: ${length}\r\n\r\n`;
    const responses = [
      `${head(5)}hello`,
      `${head(5)}world`,
      `${head(2)}hi`,
      'HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n',
    ];
    const read = responses.map((text) => {
      parser.reset(false);
      return parser.feed(Buffer.from(text, 'latin1'));
    });
    expect(read).toMatchObject([
      { status: 200, bodyBytes: 5, reusable: true },
      { status: 200, bodyBytes: 5, reusable: true },
      { status: 200, bodyBytes: 2, reusable: true },
      { status: 500, bodyBytes: 0, reusable: true },
    ]);
  });

  it('does not take a GET head as read for a HEAD request with the same bytes', () => {
    const parser = new ResponseParser();
    const text = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n';
    parser.reset(false);
    expect(parser.feed(Buffer.from(`${text}hello`, 'latin1'))).toMatchObject({
      status: 200,
      bodyBytes: 5,
      reusable: true,
    });
    parser.reset(true);
    expect(parser.feed(Buffer.from(text, 'latin1'))).toMatchObject({
      status: 200,
      bodyBytes: 0,
      reusable: true,
    });
  });

  it('keeps a head split across reads intact when the read buffer is reused', () => {
    const parser = new ResponseParser();
    const text = Buffer.from('HTTP/1.1 201 Created\nContent-Length: 3\n\nabc', 'latin1');
    const shared = Buffer.alloc(64);
    text.copy(shared, 0, 0, 20);
    expect(parser.feed(shared.subarray(0, 20))).toBeNull();
    shared.fill(0x58);
    text.copy(shared, 0, 20);
    expect(parser.feed(shared.subarray(0, text.length - 20))).toMatchObject({
      status: 201,
      bodyBytes: 3,
      reusable: true,
    });
  });

  it('reads Location, also from a repeated head', () => {
    const parser = new ResponseParser();
    const text = 'HTTP/1.1 301 Moved Permanently\r\nLocation: /docs/\r\nContent-Length: 0\r\n\r\n';
    for (let i = 0; i < 2; i++) {
      parser.reset(false);
      expect(parser.feed(Buffer.from(text, 'latin1'))).toEqual({
        status: 301,
        bodyBytes: 0,
        reusable: true,
        location: '/docs/',
      });
    }
  });
});
