const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  505: 'HTTP Version Not Supported',
};

export const SERVER_NAME = 'netlab';

let dateSecond = -1;
let dateValue = '';

/** The Date header changes once a second; formatting it per request is a measurable cost in the fast models. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateValue = new Date(now).toUTCString();
  }
  return dateValue;
}

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

/** A response head with CRLF line ends and Content-Length, the two things every load tool needs to frame a response (RFC 9112 §2.2, §6.3). */
export function responseHead(
  status: number,
  contentType: string,
  contentLength: number,
  keepAlive: boolean,
  extra: Record<string, string> = {},
): Buffer {
  let head =
    `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n` +
    `Date: ${httpDate()}\r\nServer: ${SERVER_NAME}\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${contentLength}\r\n` +
    `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n`;
  for (const [name, value] of Object.entries(extra)) head += `${name}: ${value}\r\n`;
  return Buffer.from(`${head}\r\n`, 'latin1');
}
