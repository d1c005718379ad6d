import net from 'node:net';
import { closeServer } from '../close-server.js';
import { listenServer } from '../models/listen.js';
import type { Address } from '../models/types.js';

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
