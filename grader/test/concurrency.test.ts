import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkPort } from '../src/checks/port.js';
import { DEFAULT_SANDBOX_LIMITS } from '../src/isolation/sandbox.js';
import { runStudentServer, type ServerRunOptions } from '../src/checks/server-run.js';
import type { Isolation } from '../src/isolation/isolation.js';
import { concurrencySubmission, unanswered } from './fixtures/concurrency-servers.js';
import { freePort } from './fixtures/free-port.js';
import { makeIsolation } from './fixtures/isolations.js';
import { useTempDir } from './fixtures/temp-dir.js';

// Real python3 servers, one at a time: the ordinary checks alone, then again while two clients are held.
const tmp = useTempDir('concurrency-test');

describe.each<Isolation['kind']>(['bwrap', 'none'])('the concurrency probe (isolation %s)', (kind) => {
  let port: number;
  let options: ServerRunOptions;
  let done = async () => {};

  beforeAll(async () => {
    port = await freePort();
    const made = await makeIsolation(kind, port);
    done = made.done;
    options = {
      port,
      checks: [
        { method: 'GET', path: '/', status: 200, contentType: 'text/html', contentLength: true },
        { method: 'GET', path: '/missing.html', status: 404, contentLength: true },
      ],
      startTimeoutMs: 15_000,
      checkTimeoutMs: 10_000,
      concurrency: { stalledClients: 2, timeoutMs: 3000 },
      limits: DEFAULT_SANDBOX_LIMITS,
      isolation: made.isolation,
    };
  }, 60_000);
  afterAll(() => done());

  it.each(['select_server.py', 'thread_server.py'])(
    '%s serves everyone while clients are held',
    async (server) => {
      const r = await runStudentServer(
        await concurrencySubmission(tmp(), server, port),
        'server.py',
        options,
      );
      expect(r).toMatchObject({ listened: true, fraction: 1 });
      expect(r.concurrency?.blocked).toBeUndefined();
      expect(r.concurrency?.probe?.stalled).toBe(2);
      expect(r.concurrency?.probe?.results.map((x) => [x.label, x.completed])).toEqual([
        ['GET / → 200', true],
        ['GET /missing.html → 404', true],
      ]);
    },
  );

  it.each(['blocking_server.py', 'join_server.py'])(
    '%s passes alone and blocks while a client is held',
    async (server) => {
      const r = await runStudentServer(
        await concurrencySubmission(tmp(), server, port),
        'server.py',
        options,
      );
      expect(r).toMatchObject({ listened: true, fraction: 1 });
      expect(r.concurrency?.blocked).toMatchObject({ label: 'GET / → 200', completed: false });
      expect(r.concurrency?.probe?.results).toHaveLength(1);
    },
  );

  it('does not probe a server that answered nothing alone', async () => {
    const r = await unanswered(tmp(), port, options);
    expect(r.results[0]?.answered).toBe(false);
    expect(r.concurrency).toMatchObject({ skipped: 'not run: the server answered no check on its own' });
  });
});

describe('checkPort with the concurrency block', () => {
  it('flags BLOCKING when one of the servers blocks, and earns the concurrency part per server', async () => {
    const port = await freePort();
    const { isolation, done } = await makeIsolation('bwrap', port);
    const files = [
      ...(await concurrencySubmission(tmp(), 'thread_server.py', port)),
      ...(await concurrencySubmission(tmp(), 'join_server.py', port)),
    ].map((f) => ({ ...f, rel: f.rel === 'server.py' ? `${path.basename(path.dirname(f.abs))}.py` : f.rel }));
    const code = await Promise.all(
      files.map(async (f) => ({ ...f, content: await readFile(f.abs, 'utf8') })),
    );
    const spec = {
      port,
      code: {
        glob: '**/*.py',
        template: [],
        language: 'python' as const,
        entry: 'thread_server.py',
        extraEntries: ['join_server.py'],
      },
    };
    const run = {
      startTimeoutMs: 15_000,
      checkTimeoutMs: 10_000,
      limits: DEFAULT_SANDBOX_LIMITS,
      checks: [{ method: 'GET' as const, path: '/', status: 200, contentLength: true }],
      concurrency: { stalledClients: 2, timeoutMs: 3000 },
      isolation,
    };
    const r = await checkPort(code, files, spec, run).finally(done);
    expect(r).toMatchObject({ fraction: 1, concurrencyFraction: 0.5, flags: ['BLOCKING'] });
    expect(r.notes).toEqual([
      expect.stringMatching(
        /^join_server\.py: BLOCKING: with 2 idle clients connected, check GET \/ → 200 got no reply in \d+ ms \(limit 3000 ms\)/,
      ),
    ]);
  }, 120_000);
});
