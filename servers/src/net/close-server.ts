import type net from 'node:net';

/**
 * Stops accepting and half-closes every client, cutting off any that has not closed its side within
 * `graceMs` — for the line-based servers, which have no request in flight worth waiting longer for.
 */
export function closeServer(
  server: net.Server,
  sockets: Iterable<net.Socket>,
  graceMs = 1000,
): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) {
      socket.end();
      setTimeout(() => socket.destroy(), graceMs).unref();
    }
  });
}
