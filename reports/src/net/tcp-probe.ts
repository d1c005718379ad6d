import { connect } from 'node:net';

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
