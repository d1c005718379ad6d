/**
 * Runs a server as a child process in its own process group (so a shell wrapper and its children all go),
 * waits until it is ready, and stops it: SIGTERM, a grace period, then SIGKILL (the kit's process group). Every
 * start registers a synchronous kill with the cleanup registry so nothing outlives the lab.
 */
import { messageOf, outputTail, type ProcessGroup, spawnGroup } from '@netlab/kit';
import { LabError } from '../errors.js';
import { portState } from '../net/port-state.js';
import { tcpConnectTime } from '../net/tcp-probe.js';
import { registerCleanup } from './cleanup.js';

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

/** Whether something accepts on host:port; the refusal's text goes to `why`. */
async function portTaken(host: string, port: number, why?: (message: string) => void): Promise<boolean> {
  try {
    await tcpConnectTime(host, port, 1000);
    return true;
  } catch (error) {
    why?.(messageOf(error));
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
  const group = spawnGroup({
    command: cmd.command,
    args: cmd.args,
    cwd: cmd.cwd,
    shell: cmd.shell ?? false,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const unregister = registerCleanup(group.killNow);
  const exitState = () => group.ended() ?? null;

  const stop = async (graceMs = 5000) => {
    const stopped = await group.stop({ graceMs });
    unregister();
    return stopped;
  };

  const fail = async (why: string): Promise<never> => {
    await stop(1000);
    const tail = outputTail(group.output());
    const bindFailed = /EADDRINUSE|address already in use|port .* in use/i.test(group.output());
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
  let why =
    cmd.ready.kind === 'line'
      ? 'no "listening on" line'
      : `nothing listening on ${cmd.ready.host}:${cmd.ready.port}`;
  const where =
    cmd.ready.kind === 'line'
      ? await readyLine(group, timeoutMs)
      : await readyPort(group, cmd.ready, timeoutMs, (message) => {
          why = message;
        });
  if (!where) {
    return fail(
      exitState() !== null
        ? `${exitState()} before it was ready`
        : `never became ready within ${Math.round(timeoutMs / 1000)} s (${why})`,
    );
  }
  return {
    label: cmd.label,
    host: where.host,
    port: where.port,
    pid: group.pid!,
    exit: exitState,
    output: group.output,
    stop,
  };
}

async function readyLine(group: ProcessGroup, timeoutMs: number) {
  const match = await group.waitForLine(READY_LINE, timeoutMs);
  if (!match) return null;
  // A server bound to 0.0.0.0 or :: is reached on loopback.
  const host = match[1] === '0.0.0.0' || match[1] === '::' || match[1] === '[::]' ? '127.0.0.1' : match[1]!;
  return { host, port: Number(match[2]) };
}

async function readyPort(
  group: ProcessGroup,
  at: { host: string; port: number },
  timeoutMs: number,
  why: (message: string) => void,
) {
  const up = await group.waitUntil(() => portTaken(at.host, at.port, why), timeoutMs);
  return up && group.ended() === undefined ? at : null;
}
