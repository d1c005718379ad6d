/**
 * The lab's first failure on servers that never answer some requests: the quick profile sees the timeout within
 * its run, and the users at the first failure are those active when the failing request was sent.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parseLabArgs } from '../src/cli/lab-args.js';
import { runLab } from '../src/lab/run-lab.js';
import { raceDeadline } from '../src/deadline.js';
import { tablesFor } from '../src/tables.js';
import { freePort } from './ports.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lab-first-failure-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const server = (name: string) => join(import.meta.dirname, 'fixtures', 'servers', name);

async function labOnServer(command: string, port: number) {
  const options = parseLabArgs('week6', [
    '--quick',
    '--models',
    'none',
    '--out',
    tempDir(),
    '--server',
    command,
    '--port',
    String(port),
  ]);
  const outcome = await raceDeadline(runLab(options, { sink: { write: () => {} } }), 90_000);
  if (outcome === 'timeout') throw new Error('lab still running after 90 s');
  return outcome.results;
}

describe('lab week6 --quick --models none --server', () => {
  it('reports timeouts and a first failure on a server that never answers every other connection', async () => {
    const port = await freePort();
    const results = await labOnServer(`node ${server('every-other-hangs.cjs')} ${port}`, port);
    const ramp = results.stress.find((r) => r.scenario === 'ramp')!.result!;
    expect(ramp.failuresByKind.timeout).toBeGreaterThan(0);
    expect(ramp.firstFailure).not.toBeNull();
    expect(ramp.firstFailure!.kind).toBe('timeout');
    for (const run of results.stress) expect(run.result!.failures).toBeGreaterThan(0);
    const row = tablesFor(results)[0]!.rows[0]!;
    expect(row[1]).toBe(String(ramp.firstFailure!.users));
  }, 120_000);

  it('gives the users active when the first failing request was sent, not when its timeout was known', async () => {
    const port = await freePort();
    const arrival = join(tempDir(), 'arrival');
    // Answers 40 requests 50 ms late, then nothing: the open scenario (first) takes 20 of them, so request 41 is
    // sent early in the ramp, and its timeout is known 2 s later, when more users have joined.
    const results = await labOnServer(`node ${server('hangs-after.cjs')} ${port} 40 50 ${arrival}`, port);
    expect(results.stress.find((r) => r.scenario === 'open')!.result!.failures).toBe(0);
    const run = results.stress.find((r) => r.scenario === 'ramp')!;
    const ramp = run.result!;
    const profile = results.profile!;
    const f = ramp.firstFailure!;
    const sentAt = (Number(readFileSync(arrival, 'utf8')) - Date.parse(ramp.startedAt)) / 1000;
    // Users join at spawnRate per second from second 0: those active at the send.
    const activeAtSend = Math.min(profile.ramp.maxUsers, Math.ceil(sentAt * profile.ramp.spawnRate));
    expect(f.kind).toBe('timeout');
    expect(Math.abs(f.sentSecond - sentAt)).toBeLessThan(0.5);
    expect(Math.abs(f.users - activeAtSend)).toBeLessThanOrEqual(Math.ceil(profile.ramp.spawnRate * 0.5));
    // Known a timeout later, by which time more users had joined.
    expect(f.second - f.sentSecond).toBeGreaterThanOrEqual(profile.ramp.timeoutSec - 0.1);
    const activeAtRecord = Math.min(profile.ramp.maxUsers, Math.ceil(f.second * profile.ramp.spawnRate));
    expect(f.users).toBeLessThan(activeAtRecord);
  }, 120_000);
});
