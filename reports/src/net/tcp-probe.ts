import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Milliseconds to open (then close) a TCP connection, or the connection error. */
export function tcpConnectTime(host: string, port: number, timeoutMs = 3000): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`connect to ${host}:${port} timed out`)));
    socket.once('connect', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      socket.destroy();
      resolve(ms);
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

/** Polls until something accepts on host:port; `alive()` false (e.g. the process died) or the deadline stops it. */
export async function waitForPort(
  host: string,
  port: number,
  deadlineMs: number,
  alive: () => boolean,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < until && alive()) {
    try {
      await tcpConnectTime(host, port, 1000);
      return;
    } catch (error) {
      last = error;
      await sleep(100);
    }
  }
  throw last instanceof Error ? last : new Error(`nothing listening on ${host}:${port}`);
}
