/** Brings up one subject (reference model, student command or running --target) and says where to reach it. */
import { messageOf } from '@netlab/kit';
import { LabError } from '../errors.js';
import type { Netns } from '../process/netns.js';
import { tcpConnectTime } from '../net/tcp-probe.js';
import { outputTail } from '@netlab/kit';
import { type RunningServer, type ServerCommand, startServer } from '../process/supervisor.js';

/**
 * The numbers are in by the time a server is stopped; a server still draining a backlog of queued connections after
 * 2 s is killed rather than allowed to hold up the next model (and the report says so).
 */
const STOP_GRACE_MS = 2000;

export interface Reachable {
  host: string;
  port: number;
  /** null while running; why it stopped otherwise. A --target is never ours to watch. */
  exit: () => string | null;
  /** The last lines of its stdout and stderr (empty for a --target). */
  output: () => string;
  /** Stops it; returns a note when it had to be killed (it ignored SIGTERM for the grace period). */
  stop: () => Promise<string | null>;
}

/** Starts a server command (inside the namespace when there is one) and returns where it listens. */
export async function startSubject(cmd: ServerCommand, netns: Netns | null): Promise<Reachable> {
  const inNs: ServerCommand | null = netns
    ? netns.wrap({
        ...cmd,
        ready: cmd.ready.kind === 'port' ? { ...cmd.ready, host: netns.nsAddress } : cmd.ready,
      })
    : null;
  let server: RunningServer;
  try {
    server = await startServer(inNs ?? cmd);
  } catch (error) {
    if (netns && cmd.ready.kind === 'port' && error instanceof LabError) {
      throw new LabError(
        error.code,
        `${error.message} — inside --netns your server must listen on 0.0.0.0 (or ''), not 127.0.0.1`,
      );
    }
    throw error;
  }
  return {
    host: netns ? netns.nsAddress : server.host,
    port: server.port,
    exit: server.exit,
    output: () => outputTail(server.output()),
    stop: async () => {
      const { forced } = await server.stop(STOP_GRACE_MS);
      return forced
        ? `${cmd.label} did not exit within ${STOP_GRACE_MS / 1000} s of SIGTERM and was killed`
        : null;
    },
  };
}

/** A server someone else runs: check it answers at all before loading it. */
export async function reachTarget(url: string): Promise<Reachable> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'http:' ? 80 : 0));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  try {
    await tcpConnectTime(host, port, 3000);
  } catch (error) {
    throw new LabError(
      'LAB_TARGET_UNREACHABLE',
      `--target ${url}: ${messageOf(error)} — is the server running on that port?`,
    );
  }
  return { host, port, exit: () => null, output: () => '', stop: async () => null };
}
