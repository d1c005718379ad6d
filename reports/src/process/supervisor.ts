/**
 * Runs a server as a child process in its own process group (so a shell wrapper and its children all go),
 * waits until it is ready, and stops it: SIGTERM, a grace period, then SIGKILL. Every start registers a
 * synchronous kill with the cleanup registry so nothing outlives the lab.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { LabError } from '../errors.js';
import { portState } from '../net/port-state.js';
import { tcpConnectTime, waitForPort } from '../net/tcp-probe.js';
import { registerCleanup } from './cleanup.js';
import { raceDeadline } from './deadline.js';

/** The reference servers' ready line (servers/README): `listening on <host>:<port>`. */
const READY_LINE = /listening on (\S+):(\d+)/;

export interface ServerCommand {
  /** Shown in progress lines and error messages. */
  label: string;
  command: string;
  args: string[];
  cwd?: string;
  /** Run through `sh -c` (a student's `--server "python3 x.py"`). */
  shell?: boolean;
  /** How readiness is seen: the ready line on stdout, or a TCP accept on a known port. */
  ready: { kind: 'line' } | { kind: 'port'; host: string; port: number };
  readyTimeoutMs?: number;
}

export interface RunningServer {
  label: string;
  host: string;
  port: number;
  pid: number;
  /** Set once the process has exited, with its code or signal. */
  exit: () => string | null;
  /** Output kept for error messages (last few KiB of stdout+stderr). */
  output: () => string;
  stop: (graceMs?: number) => Promise<{ forced: boolean }>;
}

const KEEP_OUTPUT = 4096;

/** The last lines of a server's output, on one line: what a student needs to see (a traceback's last frames). */
export function outputTail(output: string, lines = 5): string {
  return output
    .trim()
    .split('\n')
    .slice(-lines)
    .map((l) => l.trimEnd())
    .join(' | ');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function portTaken(host: string, port: number): Promise<boolean> {
  try {
    await tcpConnectTime(host, port, 1000);
    return true;
  } catch {
    return false;
  }
}

export async function startServer(cmd: ServerCommand): Promise<RunningServer> {
  // Readiness by port would mistake whoever already holds the port for our server: refuse up front.
  if (cmd.ready.kind === 'port' && (await portTaken(cmd.ready.host, cmd.ready.port))) {
    throw new LabError(
      'LAB_PORT_IN_USE',
      `${cmd.label}: port ${cmd.ready.port} is already in use by another process — stop it or pick another --port`,
    );
  }
  const child = spawn(cmd.command, cmd.args, {
    cwd: cmd.cwd,
    shell: cmd.shell ?? false,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const unregister = registerCleanup(() => killGroup(child, 'SIGKILL'));
  let output = '';
  let exitState: string | null = null;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEEP_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitState = signal ? `killed by ${signal}` : `exited with code ${code}`;
      resolve();
    });
  });
  child.once('error', (error) => {
    exitState = `could not start: ${error.message}`;
  });

  const stop = async (graceMs = 5000) => {
    if (exitState !== null) {
      unregister();
      return { forced: false };
    }
    killGroup(child, 'SIGTERM');
    const timedOut = (await raceDeadline(exited, graceMs)) === 'timeout';
    if (timedOut) {
      killGroup(child, 'SIGKILL');
      await exited;
    }
    // The leader may exit before the rest of its group: make sure the group is gone too.
    killGroup(child, 'SIGKILL');
    unregister();
    return { forced: timedOut };
  };

  const fail = async (why: string): Promise<never> => {
    await stop(1000);
    const tail = outputTail(output);
    const bindFailed = /EADDRINUSE|address already in use|port .* in use/i.test(output);
    const port = cmd.ready.kind === 'port' ? cmd.ready.port : null;
    const state = bindFailed && port !== null ? portState(port) : null;
    if (state === 'time-wait') {
      throw new LabError(
        'LAB_PORT_TIME_WAIT',
        `${cmd.label}: bind() failed on port ${port}, which no process holds: connections of a previous run are in TIME_WAIT (up to 60 s). Set SO_REUSEADDR before bind() — sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) — or wait a minute${tail ? ` — output: ${tail}` : ''}`,
      );
    }
    throw new LabError(
      bindFailed ? 'LAB_PORT_IN_USE' : 'LAB_SERVER_START',
      `${cmd.label}: ${bindFailed ? 'port already in use by another process' : why}${tail ? ` — output: ${tail}` : ''}`,
    );
  };

  const timeoutMs = cmd.readyTimeoutMs ?? 20_000;
  try {
    const where =
      cmd.ready.kind === 'line'
        ? await readyLine(child, exited, timeoutMs)
        : await waitForPort(cmd.ready.host, cmd.ready.port, timeoutMs, () => exitState === null).then(() => {
            if (exitState !== null) throw new Error(exitState);
            return { host: (cmd.ready as { host: string }).host, port: (cmd.ready as { port: number }).port };
          });
    return {
      label: cmd.label,
      host: where.host,
      port: where.port,
      pid: child.pid!,
      exit: () => exitState,
      output: () => output,
      stop,
    };
  } catch (error) {
    return fail(
      exitState !== null
        ? `${exitState} before it was ready`
        : `never became ready within ${Math.round(timeoutMs / 1000)} s (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

async function readyLine(child: ChildProcess, exited: Promise<void>, timeoutMs: number) {
  let buffer = '';
  const seen = new Promise<{ host: string; port: number }>((resolve) => {
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = READY_LINE.exec(buffer);
      if (match) {
        child.stdout!.off('data', onData);
        resolve({ host: match[1]!, port: Number(match[2]) });
      }
    };
    child.stdout!.on('data', onData);
  });
  const result = await raceDeadline(
    Promise.race([seen, exited.then(() => null), once(child, 'error').then(() => null)]),
    timeoutMs,
  );
  if (!result || result === 'timeout') throw new Error('no "listening on" line');
  // A server bound to 0.0.0.0 or :: is reached on loopback.
  const host =
    result.host === '0.0.0.0' || result.host === '::' || result.host === '[::]' ? '127.0.0.1' : result.host;
  return { host, port: result.port };
}
