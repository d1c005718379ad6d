import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { hasCommand } from './references.js';

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and non-2xx answers together. */
  errors: number;
}

export interface LoadOptions {
  url: string;
  keepAlive: boolean;
  connections: number;
  seconds: number;
}

function toMs(value: string, unit: string): number {
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
  return Number(value) * (scale[unit] ?? Number.NaN);
}

/** Reads wrk's --latency report. */
export function parseWrk(text: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const p50 = /^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(text);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const errors =
    (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0);
  return {
    requestsPerSec: rps ? Number(rps[1]) : 0,
    p50Ms: p50 ? toMs(p50[1]!, p50[2]!) : Number.NaN,
    p99Ms: p99 ? toMs(p99[1]!, p99[2]!) : Number.NaN,
    errors,
  };
}

function runWrk(options: LoadOptions): Promise<LoadResult> {
  const args = ['-t2', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', '--timeout', '5s'];
  if (!options.keepAlive) args.push('-H', 'Connection: close');
  args.push(options.url);
  return new Promise((resolve, reject) => {
    let out = '';
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
    });
    child.on('error', reject);
    child.on('close', () => resolve(parseWrk(out)));
  });
}

async function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.keepAlive ? {} : { connection: 'close' },
  });
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export const GENERATOR = hasCommand('wrk') ? 'wrk' : 'autocannon';

/** A closed loop: `connections` clients, each sending its next request as soon as the last is answered. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return GENERATOR === 'wrk' ? runWrk(options) : runAutocannon(options);
}
