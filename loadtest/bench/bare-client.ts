/**
 * The floor for a Node load generator: a keep-alive node:net client with nothing but a clock,
 * one write per request and a read into a shared buffer (no parsing, no histograms). The bench
 * runs it beside the runner so a gap to wrk can be split into Node's share and the runner's.
 * It assumes a server answering each request in one read, as nginx's `return 200` does.
 */
import net from 'node:net';

export async function bareClientP50(
  url: string,
  users: number,
  waitMs: readonly [number, number],
  seconds: number,
): Promise<{ p50: number; rps: number }> {
  const { hostname, port, host } = new URL(url);
  const request = Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  const buffer = Buffer.alloc(64 * 1024);
  const times: number[] = [];
  const sockets: net.Socket[] = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; i < users; i++) {
    let start = 0;
    const send = () => {
      start = performance.now();
      socket.write(request);
    };
    const socket = net.connect({
      host: hostname,
      port: Number(port),
      noDelay: true,
      onread: {
        buffer,
        callback: () => {
          const now = performance.now();
          times.push(now - start);
          if (now < end) setTimeout(send, waitMs[0] + Math.random() * (waitMs[1] - waitMs[0]));
          return true;
        },
      },
    });
    socket.on('connect', send);
    socket.on('error', () => {});
    sockets.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
  for (const s of sockets) s.destroy();
  times.sort((a, b) => a - b);
  return { p50: times[times.length >> 1] ?? 0, rps: times.length / seconds };
}
