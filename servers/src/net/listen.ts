import type net from 'node:net';
import { ServeError } from '../errors.js';

/** At least 511 (nginx's default): a backlog like listen(1) drops connections under load and clients retry 1–4 s later. */
export const LISTEN_BACKLOG = 511;

/** Where a server ended up listening (port 0 becomes the port the kernel chose). */
export interface Address {
  host: string;
  port: number;
}

const DESCRIPTOR_ERRORS = new Set(['EMFILE', 'ENFILE']);

/**
 * Keeps a listening server alive through accept errors. Out of descriptors (EMFILE, "Too many open
 * files"), libuv sheds the waiting connections and stops reading the listen socket until it can accept
 * again; we report it once per burst instead of crashing.
 */
export function containAcceptErrors(server: net.Server, log: (line: string) => void): void {
  let quietUntil = 0;
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (Date.now() < quietUntil) return;
    quietUntil = Date.now() + 1000;
    log(
      DESCRIPTOR_ERRORS.has(error.code ?? '')
        ? `accept: out of file descriptors (${error.code}); waiting connections are shed until one closes`
        : `accept: ${error.message}`,
    );
  });
}

/** Binds with the big backlog, mapping a busy port to one clear, coded error. */
export function listenServer(
  server: net.Server,
  port: number,
  host: string,
  log: (line: string) => void,
): Promise<Address> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new ServeError(
              'SERVER_PORT_IN_USE',
              `port ${port} on ${host} is already in use: stop the other server or pick another --port`,
            )
          : new ServeError('SERVER_LISTEN_FAILED', `cannot listen on ${host}:${port}: ${error.message}`),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      containAcceptErrors(server, log);
      const address = server.address() as net.AddressInfo;
      resolve({ host: address.address, port: address.port });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, backlog: LISTEN_BACKLOG });
  });
}
