import net from 'node:net';
import { ServeError } from '../errors.js';

/** Sends `message`, half-closes, and returns everything the server sent back before closing. */
export function echoOnce(host: string, port: number, message: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port }, () => socket.end(message));
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) =>
      reject(new ServeError('SERVER_CLIENT_FAILED', `echo to ${host}:${port} failed: ${error.message}`)),
    );
    socket.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
