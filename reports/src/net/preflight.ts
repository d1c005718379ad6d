/**
 * Pre-flight: how far away is the target? ICMP echo via net-ping needs a raw socket (root or CAP_NET_RAW);
 * without it we time a TCP connect instead and say so, since the two measure slightly different things.
 */
import { createRequire } from 'node:module';
import { messageOf } from '@netlab/kit';
import type { Preflight } from '../preflight-schema.js';
import { raceDeadline } from '../deadline.js';
import { tcpConnectTime } from './tcp-probe.js';

interface PingSession {
  pingHost(host: string, cb: (error: Error | null, target: string, sent: Date, rcvd: Date) => void): void;
  close(): void;
}
interface NetPing {
  createSession(options: { timeout: number; retries: number }): PingSession;
}

const require = createRequire(import.meta.url);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function icmp(host: string, count: number): Promise<number[]> {
  // net-ping is CommonJS with a native raw-socket addon; load it lazily so a missing build only disables ICMP.
  const ping = require('net-ping') as NetPing;
  const session = ping.createSession({ timeout: 1000, retries: 0 });
  try {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const ms = await new Promise<number>((resolve, reject) => {
        const started = process.hrtime.bigint();
        session.pingHost(host, (error) => {
          if (error) reject(error);
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      });
      samples.push(ms);
    }
    return samples;
  } finally {
    session.close();
  }
}

/** Pings `host` (ICMP if allowed, else TCP connect to `port`), never throws: problems land in `note`. */
export async function preflight(host: string, port: number | null, count = 5): Promise<Preflight> {
  let icmpProblem: string;
  try {
    // net-ping's own timeout covers one echo; this bounds the whole series, whatever the raw socket does.
    const samples = await raceDeadline(icmp(host, count), count * 1500 + 1000);
    if (samples === 'timeout') throw new Error('no ICMP answer in time');
    return {
      host,
      method: 'icmp',
      rttMs: median(samples),
      samples,
      note: `ICMP echo (net-ping), ${count} samples`,
    };
  } catch (error) {
    icmpProblem = messageOf(error);
  }
  const why = /not permitted|EPERM|EACCES/i.test(icmpProblem)
    ? 'no raw-socket permission for ICMP (run as root for a real ping)'
    : `ICMP unavailable (${icmpProblem})`;
  if (port === null)
    return {
      host,
      method: 'none',
      rttMs: null,
      samples: [],
      note: `${why}; no port to time a TCP connect to`,
    };
  const samples: number[] = [];
  let tcpProblem = '';
  for (let i = 0; i < count; i++) {
    try {
      samples.push(await tcpConnectTime(host, port, 2000));
    } catch (error) {
      tcpProblem = messageOf(error);
      break;
    }
  }
  const note = samples.length
    ? `${why}; measured TCP connect time to port ${port} instead (includes the server's accept)`
    : `${why}; TCP connect to port ${port} failed too: ${tcpProblem}`;
  return { host, method: 'tcp', rttMs: median(samples), samples, note };
}
