import net from 'node:net';
import { closeServer } from '../net/close-server.js';
import { listenServer } from '../net/listen.js';
import type { Address } from '../net/listen.js';

export interface EchoServer {
  listen(port: number, host: string): Promise<Address>;
  close(): Promise<void>;
}

/** Week 1: every byte a client sends comes straight back until it closes. */
export function createEchoServer(
  log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
): EchoServer {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    socket.pipe(socket);
  });
  return {
    listen: (port, host) => listenServer(server, port, host, log),
    close: () => closeServer(server, sockets),
  };
}
