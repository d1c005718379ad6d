import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SANDBOX_LIMITS } from '../src/isolation/sandbox.js';
import { runStudentServer, type ServerRunOptions } from '../src/checks/server-run.js';
import { concurrencySubmission, unanswered } from './fixtures/concurrency-servers.js';
import { freePort } from './fixtures/free-port.js';
import { makeIsolation } from './fixtures/isolations.js';
import { useTempDir } from './fixtures/temp-dir.js';

// A short load run from inside the sandbox's network namespace against real python3 servers. The marks are far
// from both servers: the select server answers hundreds a second even on a busy 2-core box, the napping one at
// about 20 (50 ms after every reply).
const tmp = useTempDir('load-test');

describe('the load probe (in the sandbox)', () => {
  let options: ServerRunOptions;
  let port: number;
  let done = async () => {};

  beforeAll(async () => {
    port = await freePort();
    const made = await makeIsolation('bwrap', port);
    done = made.done;
    options = {
      port,
      checks: [{ method: 'GET', path: '/', status: 200, contentType: 'text/html', contentLength: true }],
      startTimeoutMs: 15_000,
      checkTimeoutMs: 10_000,
      load: {
        users: 10,
        spawnRate: 10,
        duration: '2s',
        newConnectionPerRequest: true,
        thresholds: { maxFailureRatio: 0.01, p95Ms: 500, minRps: 60 },
      },
      limits: DEFAULT_SANDBOX_LIMITS,
      isolation: made.isolation,
    };
  }, 60_000);
  afterAll(() => done());

  it('a select server meets every threshold, with the figures measured', async () => {
    const r = await runStudentServer(
      await concurrencySubmission(tmp(), 'select_server.py', port),
      'server.py',
      options,
    );
    expect(r.load?.skipped).toBeUndefined();
    expect(r.load?.thresholds.map((t) => [t.name, t.passed])).toEqual([
      ['maxFailureRatio', true],
      ['p95Ms', true],
      ['minRps', true],
    ]);
    expect(r.load?.measure?.requests).toBeGreaterThan(0);
    expect(r.load?.measure?.failures).toBe(0);
  }, 60_000);

  it('a server that naps after each reply misses minRps', async () => {
    const r = await runStudentServer(
      await concurrencySubmission(tmp(), 'slow_select_server.py', port),
      'server.py',
      options,
    );
    expect(r.fraction).toBe(1);
    const missed = r.load?.thresholds.filter((t) => !t.passed).map((t) => t.name);
    expect(missed).toContain('minRps');
  }, 60_000);

  it('does not load a server that answered nothing, and meets no threshold', async () => {
    const r = await unanswered(tmp(), port, options);
    expect(r.load?.skipped).toBe('not run: the server answered no check on its own');
    expect(r.load?.thresholds.every((t) => !t.passed)).toBe(true);
  }, 60_000);
});
