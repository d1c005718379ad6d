import { createAttendanceServer } from '../attendance/attendance-server.js';
import { echoOnce } from '../echo/echo-client.js';
import { createEchoServer } from '../echo/echo-server.js';
import { errorLine, exitCodeFor } from '../errors.js';
import { createHttpServer } from '../server/create-http-server.js';
import type { Address } from '../net/listen.js';
import { type CommandArgs, parseCommand, USAGE } from './args.js';

interface Runnable {
  listen(port: number, host: string): Promise<Address>;
  close(): Promise<void>;
}

function build(args: Exclude<CommandArgs, { command: 'echo-client' }>): Runnable {
  switch (args.command) {
    case 'echo':
      return createEchoServer();
    case 'attendance':
      return createAttendanceServer({ code: args.code, out: args.out, roster: args.roster });
    case 'http':
      return createHttpServer({
        model: args.model,
        root: args.root,
        keepAlive: args.keepAlive,
        workers: args.workers,
        idleTimeoutMs: args.idleTimeout,
        headerTimeoutMs: args.headerTimeout,
        sendTimeoutMs: args.sendTimeout,
        shutdownGraceMs: args.shutdownGrace,
        maxBodyBytes: args.maxBody,
      });
  }
}

/** Where the CLI writes: the process's streams, or a test's memory. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Listens, prints the ready line, and on SIGINT/SIGTERM drains and resolves; a second signal forces exit 130 (interrupted). */
async function serveUntilSignal(server: Runnable, port: number, host: string, io: Io): Promise<void> {
  const address = await server.listen(port, host);
  io.out(`listening on ${address.host}:${address.port}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.once(signal, () => process.exit(130));
  io.err(`${signal}: finishing in-flight requests\n`);
  await server.close();
}

/** The whole CLI: returns the exit status; every failure is one line on stderr. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const args = parseCommand(argv);
    if (args.command === 'echo-client') {
      io.out(await echoOnce(args.host, args.port, args.message));
      return 0;
    }
    await serveUntilSignal(build(args), args.port, args.host, io);
    return 0;
  } catch (error) {
    io.err(`${errorLine(error)}\n`);
    return exitCodeFor(error);
  }
}
