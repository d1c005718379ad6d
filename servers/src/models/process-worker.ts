import net from 'node:net';
import { serveConnection } from '../http/connection.js';
import { createHandler } from '../http/handler.js';
import { ConnectionSet } from './connection-set.js';
import { containAcceptErrors } from '../net/listen.js';
import type { FromProcess, ToProcess } from './messages.js';
import type { WorkerOptions } from './types.js';

// Entry of a worker process: multiprocess hands it one socket, prefork the listening server itself.
const options = JSON.parse(process.argv[2] ?? '{}') as WorkerOptions;
const handle = createHandler(options.handler);
const connections = new ConnectionSet();
let server: net.Server | undefined;
const log = (line: string): void => void process.stderr.write(`[worker ${process.pid}] ${line}\n`);

function serve(socket: net.Socket, prefix?: Buffer): void {
  socket.setNoDelay(true);
  const connection = connections.add(serveConnection(socket, handle, options, prefix));
  if (options.once) void connection.done.then(() => process.exit(0));
}

function drainAndExit(): void {
  server?.close();
  void connections.drain().then(() => process.exit(0));
}

process.on('message', (message: ToProcess, handleSent?: net.Socket | net.Server) => {
  if (message.t === 'connection' && handleSent instanceof net.Socket) {
    serve(handleSent, message.prefix ? Buffer.from(message.prefix, 'base64') : undefined);
  } else if (message.t === 'server' && handleSent instanceof net.Server) {
    server = handleSent;
    containAcceptErrors(server, log);
    server.on('connection', (socket: net.Socket) => serve(socket));
    process.send?.({ t: 'ready' } satisfies FromProcess);
  } else if (message.t === 'lend' && server) {
    process.send?.({ t: 'server' } satisfies FromProcess, server);
  } else if (message.t === 'drain') drainAndExit();
});
// Ctrl-C reaches the whole process group; the primary decides when workers stop, so they ignore it.
process.on('SIGINT', () => {});
// If the primary dies, nobody will tell us to drain: do it ourselves.
process.on('disconnect', drainAndExit);
