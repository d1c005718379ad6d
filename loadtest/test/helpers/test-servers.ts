import net, { type Server, type Socket } from 'node:net';

/**
 * What the server does with its n-th request (counting from 1), after reading its head: answer,
 * RST, 500, never answer, garbage, FIN with no answer, a Content-Length 10 bytes short of the
 * body, a 301 to /next, or answer after a delay.
 */
export type Reply =
  | 'ok'
  | 'reset'
  | 'status500'
  | 'hang'
  | 'malformed'
  | 'fin'
  | 'short'
  | 'redirect'
  | { delayMs: number };

/** How the server frames responses: HTTP/1.1 keep-alive, `Connection: close`, or like students' Python. */
export type Framing = 'keep-alive' | 'close' | 'python';

export interface TestServer {
  url: string;
  port: number;
  /** Requests whose head the server read. */
  received(): number;
  /** TCP connections the server accepted. */
  connections(): number;
  /** Requests answered with 500. */
  served500(): number;
  close(): Promise<void>;
}

const BODY = 'hello from the test server\n';

/**
 * A server on node:net, port 0, that counts every request head it reads; `plan` picks the reply.
 * The 'python' framing is a beginner's socket server: `\n` line ends, no Content-Length, close ends the body.
 */
export async function startTestServer(
  framing: Framing,
  plan: (n: number, path: string) => Reply = () => 'ok',
  port = 0,
): Promise<TestServer> {
  let received = 0;
  let connections = 0;
  let served500 = 0;
  const sockets = new Set<Socket>();
  const server: Server = net.createServer((socket) => {
    sockets.add(socket);
    connections++;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const path = pending.split(' ', 2)[1] ?? '/';
        pending = pending.slice(end + 4);
        received++;
        const reply = plan(received, path);
        if (reply === 'status500') served500++;
        if (typeof reply === 'object') {
          setTimeout(() => socket.writable && answer(socket, framing, 'ok'), reply.delayMs);
          continue;
        }
        if (!answer(socket, framing, reply)) return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    received: () => received,
    connections: () => connections,
    served500: () => served500,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes one reply; false when the connection is finished with. */
function answer(socket: Socket, framing: Framing, reply: Exclude<Reply, object>): boolean {
  if (reply === 'hang') return false;
  if (reply === 'reset') {
    socket.resetAndDestroy();
    return false;
  }
  if (reply === 'fin') {
    socket.end();
    return false;
  }
  if (reply === 'short') {
    socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length - 10}\r\n\r\n${BODY}`);
    return true;
  }
  if (reply === 'redirect') {
    socket.write('HTTP/1.1 301 Moved Permanently\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n');
    return true;
  }
  if (reply === 'malformed') {
    socket.end('this is not HTTP\r\n\r\n');
    return false;
  }
  const status = reply === 'status500' ? '500 Internal Server Error' : '200 OK';
  if (framing === 'python') {
    socket.end(`HTTP/1.1 ${status}\nContent-Type: text/plain\n\n${BODY}`);
    return false;
  }
  const head = `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nContent-Length: ${BODY.length}\r\n`;
  if (framing === 'close') {
    socket.end(`${head}Connection: close\r\n\r\n${BODY}`);
    return false;
  }
  socket.write(`${head}\r\n${BODY}`);
  return true;
}

/** A port nothing listens on: bound, then closed. */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const TEST_BODY_BYTES = BODY.length;
