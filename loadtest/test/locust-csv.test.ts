import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { importLocustCsv, LoadResult, runLoad, writeLocustCsv } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers/test-servers.js';

const fixture = join(import.meta.dirname, 'fixtures/locust-2.12');
const dir = mkdtempSync(join(tmpdir(), 'netlab-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const firstLine = (path: string) => readFileSync(path, 'utf8').split('\r\n')[0];

async function measured(): Promise<LoadResult> {
  server = await startTestServer('keep-alive', (n) => (n % 10 === 0 ? 'status500' : 'ok'));
  return runLoad({ host: server.url, users: 3, spawnRate: 100, runTimeSec: 2.2, wait: [0.005, 0.01] });
}

describe("Locust's CSV files", () => {
  it('have exactly the headers and CRLF rows of real Locust 2.12 output', async () => {
    const result = await measured();
    const [stats, history, failures, exceptions] = await writeLocustCsv(join(dir, 'ours'), result);
    expect(firstLine(stats!)).toBe(firstLine(join(fixture, 'run_stats.csv')));
    expect(firstLine(history!)).toBe(firstLine(join(fixture, 'run_stats_history.csv')));
    expect(firstLine(failures!)).toBe(firstLine(join(fixture, 'run_failures.csv')));
    expect(readFileSync(exceptions!, 'utf8')).toBe(readFileSync(join(fixture, 'run_exceptions.csv'), 'utf8'));
    const rows = readFileSync(stats!, 'utf8').split('\r\n').filter(Boolean);
    expect(rows[rows.length - 1]!.startsWith(',Aggregated,')).toBe(true);
    expect(rows.every((r) => r.split(',').length === 22)).toBe(true);
  });

  it('round-trip: written then imported, the numbers are the same', async () => {
    const result = await measured();
    const [stats] = await writeLocustCsv(join(dir, 'trip'), result);
    const back = importLocustCsv(stats!);
    expect(back.requests).toBe(result.requests);
    expect(back.failures).toBe(result.failures);
    expect(back.failuresByKind).toEqual(result.failuresByKind);
    // The files' rates are counts over durationSec as the JSON holds it (to 0.01 s).
    expect(back.totalRps).toBeCloseTo(result.requests / result.durationSec, 6);
    expect(back.rps / result.rps).toBeCloseTo(1, 2);
    // The files hold every outcome's times, as Locust's do.
    const all = result.outcomes!.responseTime;
    expect(back.outcomes!.responseTime.avg).toBe(all.avg);
    expect(back.responseTime.min).toBe(all.min);
    expect(back.responseTime.max).toBe(all.max);
    expect(back.responseTime.p95).toBe(Math.trunc(all.p95));
    expect(back.outcomes!.avgSize).toBe(result.outcomes!.avgSize);
    expect(back.failureRows).toEqual(result.failureRows);
    expect(back.timeline.map((p) => [p.users, p.rps, p.failures, p.total?.requests])).toEqual(
      result.timeline.map((p) => [p.users, p.rps, p.failures, p.total?.requests]),
    );
    expect(back.endpoints.map((e) => [e.method, e.name, e.requests, e.failures])).toEqual(
      result.endpoints.map((e) => [e.method, e.name, e.requests, e.failures]),
    );
  });

  it("failed rows carry their times and sizes, and the Aggregated row is its endpoints' sum", async () => {
    server = await startTestServer('keep-alive', (_n, path) => (path === '/missing' ? 'status500' : 'ok'));
    const result = await runLoad({
      host: server.url,
      users: 2,
      spawnRate: 100,
      requests: 40,
      tasks: [{ path: '/' }, { path: '/missing' }],
    });
    const [stats] = await writeLocustCsv(join(dir, 'sums'), result);
    const [header, ...rows] = readFileSync(stats!, 'utf8')
      .split('\r\n')
      .filter(Boolean)
      .map((r) => r.split(','));
    const col = (row: string[], name: string) => Number(row[header!.indexOf(name)]);
    const aggregated = rows.at(-1)!;
    const endpoints = rows.slice(0, -1);
    const failing = endpoints.find((r) => r[1] === '/missing')!;
    expect(col(failing, 'Failure Count')).toBe(col(failing, 'Request Count'));
    expect(col(failing, 'Average Response Time')).toBeGreaterThan(0);
    expect(col(failing, 'Max Response Time')).toBeGreaterThan(0);
    expect(col(failing, 'Average Content Size')).toBeGreaterThan(0);
    for (const name of ['Request Count', 'Failure Count', 'Requests/s', 'Failures/s']) {
      expect(col(aggregated, name)).toBeCloseTo(
        endpoints.reduce((sum, r) => sum + col(r, name), 0),
        9,
      );
    }
    const weighted = (name: string) =>
      endpoints.reduce((sum, r) => sum + col(r, name) * col(r, 'Request Count'), 0) /
      col(aggregated, 'Request Count');
    expect(col(aggregated, 'Average Content Size')).toBeCloseTo(weighted('Average Content Size'), 1);
    expect(col(aggregated, 'Average Response Time')).toBeCloseTo(weighted('Average Response Time'), 2);
    expect(col(aggregated, 'Max Response Time')).toBe(
      Math.max(...endpoints.map((r) => col(r, 'Max Response Time'))),
    );
  });

  it("the history's Total columns count failures too, merged across threads", async () => {
    server = await startTestServer('keep-alive', () => 'status500');
    const result = await runLoad({
      host: server.url,
      users: 2,
      spawnRate: 100,
      runTimeSec: 1.5,
      wait: [0.01, 0.02],
      workers: 2,
    });
    expect(result.requests).toBe(result.failures);
    const [, history] = await writeLocustCsv(join(dir, 'allfail'), result);
    const [header, ...rows] = readFileSync(history!, 'utf8')
      .split('\r\n')
      .filter(Boolean)
      .map((r) => r.split(','));
    const last = rows.at(-1)!;
    const col = (name: string) => Number(last[header!.indexOf(name)]);
    expect(col('Total Failure Count')).toBe(col('Total Request Count'));
    expect(col('Total Average Response Time')).toBeGreaterThan(0);
    expect(col('Total Max Response Time')).toBeGreaterThan(0);
    expect(col('Total Average Content Size')).toBe(result.outcomes!.avgSize);
  });

  it("imports real Locust 2.12 output with its failures' kinds", () => {
    const result = importLocustCsv(join(fixture, 'run_stats.csv'));
    expect(result.requests).toBe(192);
    expect(result.failures).toBe(39);
    expect(result.failuresByKind.status).toBe(39);
    expect(result.endpoints.map((e) => e.name)).toEqual(['/', '/missing']);
    expect(result.timeline.length).toBe(11);
    expect(result.timeline[result.timeline.length - 1]!.users).toBe(3);
    expect(result.firstFailure?.requests).toBe(6);
    expect(LoadResult.safeParse(result).success).toBe(true);
  });

  it('accepts the newer failures header with First Seen and Last Seen', () => {
    for (const name of ['run_stats.csv', 'run_stats_history.csv']) {
      writeFileSync(join(dir, `new_${name.slice(4)}`), readFileSync(join(fixture, name)));
    }
    const [header, ...rows] = readFileSync(join(fixture, 'run_failures.csv'), 'utf8')
      .split('\r\n')
      .filter(Boolean);
    const newer = [`${header},First Seen,Last Seen`, ...rows.map((r) => `${r},1795438943,1795438952`)];
    writeFileSync(join(dir, 'new_failures.csv'), `${newer.join('\r\n')}\r\n`);
    const result = importLocustCsv(join(dir, 'new_stats.csv'));
    expect(result.failureRows).toHaveLength(1);
    expect(result.failureRows[0]!.occurrences).toBe(39);
  });

  it('refuses a file that is not Locust output, naming it', () => {
    const path = join(dir, 'bogus_stats.csv');
    writeFileSync(path, 'a,b,c\n1,2,3\n');
    expect(() => importLocustCsv(path)).toThrow(/bogus_stats\.csv: not Locust CSV, missing column/);
  });
});
