/** Commands that run the reference servers (`@netlab/servers`' serve bin) as child processes under tsx. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { typescriptExecArgv } from '@netlab/kit';
import type { Model } from '@netlab/servers/models';
import { LabError } from '../errors.js';
import type { ServerCommand } from './supervisor.js';

const require = createRequire(import.meta.url);

function resolveOrExplain(specifier: string, fix: string): string {
  try {
    return require.resolve(specifier);
  } catch {
    throw new LabError('LAB_SERVER_START', `cannot find ${specifier}: ${fix}`);
  }
}

/** serve.ts sits beside the package's public face: servers/src/bin/serve.ts. */
export function serveScript(): string {
  const index = resolveOrExplain('@netlab/servers', 'run `pnpm install` at the repository root');
  return join(dirname(index), 'bin', 'serve.ts');
}

/** Node with tsx's loader in-process: one process per server, so a signal reaches the server itself. */
function tsxArgs(): string[] {
  return [...typescriptExecArgv(), serveScript()];
}

export function httpServerCommand(
  model: Model,
  options: { keepAlive?: boolean; host?: string; root?: string } = {},
): ServerCommand {
  const args = [...tsxArgs(), 'http', '--model', model, '--port', '0'];
  if (options.host) args.push('--host', options.host);
  if (options.root) args.push('--root', options.root);
  if (options.keepAlive) args.push('--keep-alive');
  return { label: `${model} (reference)`, command: process.execPath, args, ready: { kind: 'line' } };
}

const hostArgs = (host?: string) => (host ? ['--host', host] : []);

export function echoServerCommand(host?: string): ServerCommand {
  return {
    label: 'echo (reference)',
    command: process.execPath,
    args: [...tsxArgs(), 'echo', '--port', '0', ...hostArgs(host)],
    ready: { kind: 'line' },
  };
}

export function attendanceServerCommand(code: string, out: string, host?: string): ServerCommand {
  return {
    label: 'attendance (reference)',
    command: process.execPath,
    args: [...tsxArgs(), 'attendance', '--port', '0', '--code', code, '--out', out, ...hostArgs(host)],
    ready: { kind: 'line' },
  };
}

/** A student's own server: any shell command, ready once its port accepts. */
export function studentServerCommand(command: string, port: number, host = '127.0.0.1'): ServerCommand {
  return {
    label: `student server (${command})`,
    command,
    args: [],
    shell: true,
    ready: { kind: 'port', host, port },
    readyTimeoutMs: 15_000,
  };
}
