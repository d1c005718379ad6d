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
    expect(parse(text)).toEqual({ status, bodyBytes, reusable });
    expect(parse(text, 7)).toEqual({ status, bodyBytes, reusable });
  });

  it.each([
    ['not HTTP', 'hello\r\n\r\n', /bad status line/],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n', /bad header line/],
    ['a bad length', 'HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n', /bad Content-Length/],
    ['a body cut short', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', /before the end of the body/],
    ['a head cut short', 'HTTP/1.1 200 OK\r\nContent-', /inside the header/],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /bad chunk size/],
  ])('rejects %s', (_label, text, message) => {
    expect(() => parse(text)).toThrow(MalformedResponse);
    expect(() => parse(text)).toThrow(message);
  });
});
