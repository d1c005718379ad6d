import { parseDuration } from '../duration.js';
import { LoadtestError } from '../errors.js';
import type { LoadOptionsInput } from '../options.js';

const invalid = (message: string) => new LoadtestError('LOADTEST_OPTIONS_INVALID', message);

function numberField(form: URLSearchParams, name: string): number | undefined {
  const text = form.get(name);
  if (text === null || text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw invalid(`${name} "${text}" is not a number`);
  return n;
}

/**
 * Locust's start form (`POST /swarm`: user_count, spawn_rate, host, optional run_time such as
 * 30s or 1h20m) over the command line's other options.
 */
export function swarmOptions(form: URLSearchParams, base: LoadOptionsInput): LoadOptionsInput {
  const users = numberField(form, 'user_count');
  if (users === undefined) throw invalid('user_count is required, e.g. user_count=10');
  // Locust strips angle brackets from the host against script injection; so does this.
  const host = form.get('host')?.replace(/[<>]/g, '').trim() || base.host;
  if (!host) throw invalid('host is required, e.g. host=http://127.0.0.1:8080');
  const runTime = form.get('run_time')?.trim();
  return {
    ...base,
    host,
    users,
    spawnRate: numberField(form, 'spawn_rate') ?? base.spawnRate,
    runTimeSec: runTime ? parseDuration(runTime, 'run_time') : undefined,
  };
}
