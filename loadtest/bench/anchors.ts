/** The reference tools the benches measure beside: wrk and Locust's HttpUser (Debian's python3-locust). */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importLocustCsv, type LoadResult } from '../src/index.js';

export const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export interface WrkResult {
  /** Responses read plus socket errors: every request wrk counted. */
  requests: number;
  /** Socket errors plus non-2xx/3xx responses. */
  failures: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  note: string;
}

/** One wrk run on one thread; a `script` gives think time through its `delay()`. */
export function wrk(
  url: string,
  run: { connections: number; seconds: number; close?: boolean; script?: string },
): WrkResult {
  const args = ['-t', '1', '-c', String(run.connections), '-d', `${run.seconds}s`, '--latency'];
  if (run.close) args.push('-H', 'Connection: close');
  if (run.script) args.push('-s', run.script);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const responses = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const at = (p: string) => {
    const [, value, unit] = new RegExp(`${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out) ?? [];
    return Number(value ?? 0) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  };
  return {
    requests: responses + errors,
    failures: errors + non2xx,
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: at('50'),
    p90: at('90'),
    p99: at('99'),
    note: socket
      ? `socket errors ${socket.slice(1).join('/')} (connect/read/write/timeout)`
      : 'no socket errors',
  };
}

/** One headless Locust run of a one-task HttpUser with a constant wait; null when Locust is not installed. */
export function locust(
  url: string,
  run: { users: number; seconds: number; waitSec: number; dir: string },
): LoadResult | null {
  if (!has('locust')) return null;
  const file = join(run.dir, `locust-${run.waitSec}.py`);
  writeFileSync(
    file,
    [
      'from locust import HttpUser, task, constant',
      'class U(HttpUser):',
      `    wait_time = constant(${run.waitSec})`,
      '    @task',
      '    def t(self):',
      '        self.client.get("/")',
      '',
    ].join('\n'),
  );
  const prefix = join(run.dir, `l-${Date.now()}`);
  const args = [
    '-f',
    file,
    '--headless',
    '-u',
    `${run.users}`,
    '-r',
    `${run.users}`,
    '-t',
    `${run.seconds}s`,
  ];
  spawnSync('locust', [...args, '--host', url, '--csv', prefix, '--only-summary'], { stdio: 'ignore' });
  return importLocustCsv(`${prefix}_stats.csv`);
}
