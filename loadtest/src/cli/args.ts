import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { argsProblem } from '@netlab/kit';
import { parseDuration } from '../duration.js';
import { LoadtestError } from '../errors.js';
import type { PlanInput } from '../locust/plan.js';
import type { Cluster } from '../locust/run-locust.js';
import type { LoadOptionsInput } from '../options.js';
import { parseScenario, type Scenario } from '../scenario.js';
import { parseThreshold, type Threshold } from '../thresholds.js';

export interface Outputs {
  csv?: string;
  json?: string;
  html?: string;
}

/** `--web`: where the live page listens (Locust's port and loopback by default). */
export interface WebFlags {
  port: number;
  host: string;
}

export interface RunCommand {
  kind: 'run';
  options: LoadOptionsInput;
  outputs: Outputs;
  quiet: boolean;
  web: WebFlags | null;
  thresholds: Threshold[];
}

export type Command =
  | RunCommand
  | { kind: 'import'; files: string[]; outputs: Outputs; thresholds: Threshold[] }
  | { kind: 'export-locust'; options: PlanInput; file: string | null }
  | {
      kind: 'locust';
      options: LoadOptionsInput;
      cluster: Cluster;
      outputs: Outputs;
      quiet: boolean;
      thresholds: Threshold[];
    }
  | { kind: 'help' };

/**
 * Locust's flag names (`locust --help`), plus --workers, --engine, --no-keep-alive, --no-follow,
 * the open model's, --threshold, and the Locust command's --local-workers.
 */
const FLAGS = {
  host: { type: 'string' },
  users: { type: 'string', short: 'u' },
  'spawn-rate': { type: 'string', short: 'r' },
  'run-time': { type: 'string', short: 't' },
  requests: { type: 'string', short: 'n' },
  wait: { type: 'string' },
  path: { type: 'string' },
  scenario: { type: 'string' },
  timeout: { type: 'string' },
  'stop-on-failure': { type: 'boolean' },
  csv: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  workers: { type: 'string' },
  engine: { type: 'string' },
  'no-keep-alive': { type: 'boolean' },
  'no-follow': { type: 'boolean' },
  'arrival-rate': { type: 'string' },
  'ramp-to': { type: 'string' },
  quiet: { type: 'boolean' },
  threshold: { type: 'string', multiple: true },
  web: { type: 'boolean' },
  'web-port': { type: 'string' },
  'web-host': { type: 'string' },
  'export-locust': { type: 'string' },
  'local-workers': { type: 'string' },
  'expect-workers': { type: 'string' },
  'master-bind-host': { type: 'string' },
  'master-bind-port': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const invalid = (message: string) => new LoadtestError('LOADTEST_OPTIONS_INVALID', message);

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw invalid(`${flag} "${text}" is not a number`);
  return n;
}

/** `--wait 1,5` → [1, 5]; `--wait 2` → [2, 2]; seconds, as Locust's between(a, b). */
export function parseWait(text: string): [number, number] {
  const parts = text.split(',').map((p) => number('--wait', p)!);
  if (parts.length === 1) return [parts[0]!, parts[0]!];
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  throw invalid(`--wait "${text}" must be "min,max" in seconds, e.g. --wait 1,5`);
}

function readScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new LoadtestError('LOADTEST_FILE_UNREADABLE', `--scenario ${path}: cannot read the file`);
  }
  return parseScenario(text, path);
}

function positiveInt(flag: string, text: string | undefined): number | undefined {
  const n = number(flag, text);
  if (n !== undefined && (!Number.isInteger(n) || n < 0))
    throw invalid(`${flag} "${text}" must be a whole number`);
  return n;
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw invalid(`${argsProblem(error)} (see --help)`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help' };
  const outputs: Outputs = { csv: v.csv, json: v.json, html: v.html };
  const [sub, ...rest] = positionals;
  const wait = v.wait === undefined ? undefined : parseWait(v.wait);
  const scenario = v.scenario ? readScenario(v.scenario) : undefined;
  const thresholds = [...(scenario?.thresholds ?? []), ...(v.threshold ?? [])].map(parseThreshold);
  if (sub === 'import') {
    if (rest.length === 0) throw invalid('import needs PREFIX_stats.csv file(s)');
    if (rest.length > 1 && (outputs.csv || outputs.html))
      throw invalid('--csv and --html take one imported file');
    return { kind: 'import', files: rest, outputs, thresholds };
  }
  if (sub !== undefined && sub !== 'export-locust' && sub !== 'locust')
    throw invalid(`unknown command "${sub}"; commands are locust, import and export-locust`);
  const options: PlanInput = {
    users: number('--users', v.users),
    spawnRate: number('--spawn-rate', v['spawn-rate']),
    runTimeSec: v['run-time'] === undefined ? undefined : parseDuration(v['run-time'], '--run-time'),
    requests: number('--requests', v.requests),
    wait,
    path: v.path,
    tasks: scenario?.tasks,
    timeoutSec: v.timeout === undefined ? undefined : parseDuration(v.timeout, '--timeout'),
    stopOnFailure: v['stop-on-failure'],
    workers: number('--workers', v.workers),
    keepAlive: v['no-keep-alive'] ? false : undefined,
    follow: v['no-follow'] ? false : undefined,
    arrivalRate: number('--arrival-rate', v['arrival-rate']),
    rampTo: number('--ramp-to', v['ramp-to']),
    engine: v.engine as LoadOptionsInput['engine'],
  };
  if (sub === 'export-locust' || (sub !== 'locust' && v['export-locust'] !== undefined)) {
    const file = v['export-locust'] ?? null;
    return { kind: 'export-locust', options: { ...options, host: v.host }, file: file === '-' ? null : file };
  }
  if (sub === 'locust') {
    if (v.host === undefined) throw invalid('--host is required, e.g. --host http://127.0.0.1:8080');
    if (v.web) throw invalid("--web is for native runs; Locust's master serves no page headless");
    const localWorkers = positiveInt('--local-workers', v['local-workers']) ?? 0;
    const expectWorkers = positiveInt('--expect-workers', v['expect-workers']) ?? Math.max(1, localWorkers);
    if (expectWorkers < Math.max(1, localWorkers))
      throw invalid(`--expect-workers ${expectWorkers} is fewer than --local-workers ${localWorkers}`);
    const cluster: Cluster = {
      localWorkers,
      expectWorkers,
      bindHost: v['master-bind-host'] ?? '*',
      bindPort: positiveInt('--master-bind-port', v['master-bind-port']) ?? null,
      locustfile: v['export-locust'] ?? null,
    };
    const withHost = { ...options, host: v.host };
    return { kind: 'locust', options: withHost, cluster, outputs, quiet: v.quiet ?? false, thresholds };
  }
  const web = v.web ? webFlags(v['web-port'], v['web-host']) : null;
  if (!v.web && (v['web-port'] !== undefined || v['web-host'] !== undefined))
    throw invalid('--web-port and --web-host go with --web');
  // With --web and no -u/-t/-n the page's start form (or POST /swarm) gives the host.
  if (v.host === undefined && !(web && isInteractive(options)))
    throw invalid('--host is required, e.g. --host http://127.0.0.1:8080');
  return {
    kind: 'run',
    options: { ...options, host: v.host ?? '' },
    outputs,
    quiet: v.quiet ?? false,
    web,
    thresholds,
  };
}

/** Started without a load to run (no -u, -t, -n or --arrival-rate): the page offers the start form. */
export const isInteractive = (options: PlanInput): boolean =>
  [options.users, options.runTimeSec, options.requests, options.arrivalRate].every((x) => x === undefined);

function webFlags(port: string | undefined, host: string | undefined): WebFlags {
  const n = number('--web-port', port) ?? 8089;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw invalid(`--web-port ${port}: give 0–65535`);
  return { port: n, host: host ?? '127.0.0.1' };
}

export const USAGE = `netlab-loadtest: Locust's model and outputs on a fast engine

  netlab-loadtest --host URL [-u USERS] [-r SPAWN_RATE] [-t 30s | -n REQUESTS] [--wait a,b]
                  [--path /] [--scenario file.yaml] [--timeout 10s] [--stop-on-failure]
                  [--csv PREFIX] [--json FILE] [--html FILE] [--workers N] [--quiet]
                  [--engine auto|autocannon|lenient] [--no-keep-alive] [--no-follow]
                  [--arrival-rate R [--ramp-to R2]] [--threshold EXPR]…
                  [--web [--web-port 8089] [--web-host 127.0.0.1]]

  Closed model (default): -u users loop request → wait. Open model: --arrival-rate R requests/s
  start on schedule whatever the responses, over a pool of -u connections; response times run
  from each request's scheduled time (coordinated omission counted in).
  --threshold (repeatable, k6's vocabulary): p50|p90|p95|p99|avg|max<N ms|s, failures<N%, rps>N.
  --web serves a live page (Locust's UI and web API) during the run; without -u/-t/-n it waits
  for the page's start form (or POST /swarm) and stays up until Ctrl-C.
  netlab-loadtest import PREFIX_stats.csv … [--json FILE] [--csv PREFIX] [--html FILE]
  netlab-loadtest export-locust [same flags] > locustfile.py   (or --export-locust FILE)
  netlab-loadtest locust [same flags] [--local-workers N] [--expect-workers N]
                  [--master-bind-host ADDR] [--master-bind-port PORT]
      runs real Locust: a headless master, N workers here, the line to run on other PCs printed;
      its CSV files come back as this runner's table, JSON, CSV and HTML.

Exit codes: 0 a result, 1 internal error, 2 invalid input, 3 the environment cannot (nothing answered, no Locust),
99 a threshold not met, 130 interrupted.
`;
