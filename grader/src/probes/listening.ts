import { readFile } from 'node:fs/promises';
import net from 'node:net';

const LISTEN = '0A';

/**
 * Whether some socket listens on `port`, read from /proc/net/tcp{,6} so that waiting for a student's server
 * does not connect to it: a probe connection with no request crashes many first-week servers.
 * Falls back to a connect probe where /proc is unavailable.
 */
export async function isListening(port: number): Promise<boolean> {
  const tables = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readFile(f, 'utf8').catch(() => null)),
  );
  if (tables.every((t) => t === null)) return connectProbe(port);
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return tables.some((table) =>
    (table ?? '').split('\n').some((line) => {
      const [, local, , state] = line.trim().split(/\s+/);
      return state === LISTEN && local?.endsWith(`:${hexPort}`);
    }),
  );
}

function connectProbe(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(open);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
