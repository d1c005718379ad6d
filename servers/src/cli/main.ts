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

/** Listens, prints the ready line, and on SIGINT/SIGTERM drains and resolves; a second signal forces exit 130 (interrupted). */
async function serveUntilSignal(server: Runnable, port: number, host: string): Promise<void> {
  const address = await server.listen(port, host);
  process.stdout.write(`listening on ${address.host}:${address.port}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.once(signal, () => process.exit(130));
  process.stderr.write(`${signal}: finishing in-flight requests\n`);
  await server.close();
}

/** The whole CLI: returns the exit status; every failure is one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const args = parseCommand(argv);
    if (args.command === 'echo-client') {
      process.stdout.write(await echoOnce(args.host, args.port, args.message));
      return 0;
    }
    await serveUntilSignal(build(args), args.port, args.host);
    return 0;
  } catch (error) {
    process.stderr.write(`${errorLine(error)}\n`);
    return exitCodeFor(error);
  }
}
