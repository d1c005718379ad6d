import { parseArgs } from 'node:util';
import { argsProblem, flagName, zodIssuesLine } from '@netlab/kit';
import { z } from 'zod';
import { ServeError } from '../errors.js';
import { MODELS } from '../models/types.js';

const port = z.coerce.number().int().min(0).max(65535);
const host = z.string().min(1).default('127.0.0.1');
const ms = z.coerce.number().int().min(10).max(3_600_000);

const commandSchemas = {
  echo: z.object({ port, host }),
  'echo-client': z.object({ port: port.min(1), host, message: z.string() }),
  attendance: z.object({
    port: port.default(5555),
    host,
    code: z.string().min(1),
    out: z.string().min(1),
    roster: z.string().min(1).optional(),
  }),
  http: z.object({
    model: z.enum(MODELS),
    port,
    host,
    root: z.string().min(1).optional(),
    keepAlive: z.boolean().default(false),
    workers: z.coerce.number().int().min(1).max(256).optional(),
    idleTimeout: ms.optional(),
    headerTimeout: ms.optional(),
    sendTimeout: ms.optional(),
    shutdownGrace: z.coerce.number().int().min(0).max(3_600_000).optional(),
    maxBody: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
};

export type CommandName = keyof typeof commandSchemas;
export type CommandArgs = {
  [K in CommandName]: { command: K } & z.output<(typeof commandSchemas)[K]>;
}[CommandName];

export const USAGE = `usage: netlab-serve <command> [options]
  echo --port <n> [--host <addr>]
  echo-client --port <n> [--host <addr>] <message>
  attendance --port 5555 --code <code> --out <csv> [--roster <csv>] [--host <addr>]
  http --model <${MODELS.join('|')}> --port <n> [--root <dir>] [--keep-alive]
       [--workers <n>] [--host <addr>] [--idle-timeout <ms>] [--header-timeout <ms>]
       [--send-timeout <ms>] [--shutdown-grace <ms>] [--max-body <bytes>]
--port 0 picks a free port; the ready line on stdout is "listening on <host>:<port>".`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  code: { type: 'string' },
  out: { type: 'string' },
  roster: { type: 'string' },
  model: { type: 'string' },
  root: { type: 'string' },
  'keep-alive': { type: 'boolean' },
  workers: { type: 'string' },
  'idle-timeout': { type: 'string' },
  'header-timeout': { type: 'string' },
  'send-timeout': { type: 'string' },
  'shutdown-grace': { type: 'string' },
  'max-body': { type: 'string' },
} as const;

const ALLOWED: Record<CommandName, string[]> = {
  echo: ['port', 'host'],
  'echo-client': ['port', 'host'],
  attendance: ['port', 'host', 'code', 'out', 'roster'],
  http: [
    'port',
    'host',
    'model',
    'root',
    'keep-alive',
    'workers',
    'idle-timeout',
    'header-timeout',
    'send-timeout',
    'shutdown-grace',
    'max-body',
  ],
};

const bad = (message: string): ServeError => new ServeError('SERVER_BAD_ARGS', `${message} (see --help)`);

/** Turns argv into one validated command, or throws SERVER_BAD_ARGS naming every problem at once. */
export function parseCommand(argv: string[]): CommandArgs {
  const [command, ...rest] = argv;
  if (!command || !(command in commandSchemas)) {
    throw bad(command ? `unknown command "${command}"` : 'missing command');
  }
  const name = command as CommandName;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: rest, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw bad(`${name}: ${argsProblem(error)}`);
  }
  const { values, positionals } = parsed;
  const stray = Object.keys(values).filter((flag) => !ALLOWED[name].includes(flag));
  if (stray.length > 0) throw bad(`${name} does not take --${stray.join(', --')}`);
  if (name !== 'echo-client' && positionals.length > 0) throw bad(`${name}: unexpected "${positionals[0]}"`);
  if (name === 'echo-client' && positionals.length !== 1)
    throw bad('echo-client needs exactly one <message>');
  const input = {
    ...values,
    keepAlive: values['keep-alive'],
    idleTimeout: values['idle-timeout'],
    headerTimeout: values['header-timeout'],
    sendTimeout: values['send-timeout'],
    shutdownGrace: values['shutdown-grace'],
    maxBody: values['max-body'],
    message: positionals[0],
  };
  const result = commandSchemas[name].safeParse(input);
  if (!result.success) {
    throw bad(`${name}: ${zodIssuesLine(result.error.issues, flagName)}`);
  }
  return { command: name, ...result.data } as CommandArgs;
}
