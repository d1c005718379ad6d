import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SANDBOX_LIMITS } from '../src/isolation/sandbox.js';
import { runStudentServer, type ServerRunOptions } from '../src/checks/server-run.js';
import type { Isolation } from '../src/isolation/isolation.js';
import type { SubmittedFile } from '../src/submissions/discover.js';
import { freePort } from './fixtures/free-port.js';
import { makeIsolation } from './fixtures/isolations.js';
import { processesMentioning } from './fixtures/processes.js';
import { pythonServers } from './fixtures/python-servers.js';
import { useTempDir } from './fixtures/temp-dir.js';

// Real python3 processes, one at a time, in the sandbox and without it. Servers that should come up get a generous
// start timeout (they return as soon as the port opens); those that never will get a short one.
const tmp = useTempDir('run-test');

/** A file name no other process on the machine has in its command line. */
const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}.py`;

async function submission(name: string, server: string, entry = 'server.py'): Promise<SubmittedFile[]> {
  const dir = path.join(tmp(), name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, entry), server);
  await writeFile(path.join(dir, 'index.html'), '<h1>hi</h1>');
  return [entry, 'index.html'].map((rel) => ({ rel, abs: path.join(dir, rel) }));
}

describe.each<Isolation['kind']>(['bwrap', 'none'])('runStudentServer (isolation %s)', (kind) => {
  let port: number;
  let options: ServerRunOptions;
  let short: ServerRunOptions;
  let bomb: ServerRunOptions;
  let done = async () => {};

  beforeAll(async () => {
    port = await freePort();
    const made = await makeIsolation(kind, port);
    done = made.done;
    options = {
      port,
      checks: [
        { method: 'GET', path: '/', status: 200, contentType: 'text/html', contentLength: true },
        { method: 'GET', path: '/nope.html', status: 404, contentLength: false },
      ],
      startTimeoutMs: 15_000,
      checkTimeoutMs: 10_000,
      limits: { ...DEFAULT_SANDBOX_LIMITS, cpuSeconds: 5 },
      isolation: made.isolation,
    };
    short = { ...options, startTimeoutMs: 2500 };
    // The process cap is per user (`nobody`): the bomb's small cap leaves room for other runs on the machine.
    bomb = { ...short, limits: { ...short.limits, maxProcesses: 40 } };
  }, 60_000);
  afterAll(() => done());

  it('runs a working server and passes every check', async () => {
    const r = await runStudentServer(
      await submission('ok', pythonServers.working(port)),
      'server.py',
      options,
    );
    expect(r).toMatchObject({ listened: true, fraction: 1 });
    expect(r.results.map((x) => x.ok)).toEqual([true, true]);
    expect(r.failure).toBeUndefined();
  });

  it('scores the checks a server fails', async () => {
    const r = await runStudentServer(
      await submission('200', pythonServers.always200(port)),
      'server.py',
      options,
    );
    expect(r.fraction).toBe(0);
    expect(r.results[1]?.detail).toBe('status 200, expected 404');
  });

  it('reports a server on the wrong port', async () => {
    const other = await freePort();
    const r = await runStudentServer(
      await submission('wrong', pythonServers.working(other)),
      'server.py',
      short,
    );
    expect(r).toMatchObject({
      listened: false,
      fraction: 0,
      failure: `server did not listen on port ${port} within 2.5 s`,
    });
  });

  it('gives a server that accepts and never answers one budget for all its checks', async () => {
    const four = [...options.checks, ...options.checks];
    const r = await runStudentServer(await submission('silent', pythonServers.silent(port)), 'server.py', {
      ...options,
      checks: four,
      checksBudgetMs: 2000,
    });
    expect(r).toMatchObject({ listened: true, fraction: 0 });
    expect(r.results).toHaveLength(4);
    expect(r.results.at(-1)?.detail).toBe("not run: this server's checks used up their 2 s budget");
  });

  it('keeps the stderr tail of a crash', async () => {
    const r = await runStudentServer(
      await submission('crash', pythonServers.crashing()),
      'server.py',
      options,
    );
    expect(r.failure).toBe(`server exited with code 1 before listening on port ${port}`);
    expect(r.stderrTail).toContain('RuntimeError: 포트 설정 실패 boom');
  });

  it('stops a server stuck in an infinite loop, and one that never opens a socket', async () => {
    for (const [name, code] of [
      ['loop', pythonServers.infiniteLoop()],
      ['sleep', pythonServers.neverListens()],
    ] as const) {
      const r = await runStudentServer(await submission(name, code), 'server.py', short);
      expect(r).toMatchObject({
        listened: false,
        failure: `server did not listen on port ${port} within 2.5 s`,
      });
    }
  });

  it('contains a fork bomb and kills every process it made', async () => {
    const entry = unique('fork');
    const r = await runStudentServer(await submission('fork', pythonServers.forkBomb(), entry), entry, bomb);
    expect(r.listened).toBe(false);
    expect(processesMentioning(entry)).toEqual([]);
  });

  it('kills a daemon that left the process group, freeing the port for the next student', async () => {
    const entry = unique('daemon');
    const r = await runStudentServer(
      await submission('daemon', pythonServers.daemon(port), entry),
      entry,
      options,
    );
    expect(r).toMatchObject({ listened: true, fraction: 1 });
    expect(processesMentioning(entry)).toEqual([]);
    const next = await runStudentServer(
      await submission('after-daemon', pythonServers.working(port)),
      'server.py',
      options,
    );
    expect(next).toMatchObject({ listened: true, fraction: 1 });
  });

  it('runs from a copy: a server that deletes files leaves the submission intact', async () => {
    const files = await submission('deleter', pythonServers.deleter(port));
    const r = await runStudentServer(files, 'server.py', options);
    expect(r.listened).toBe(true);
    expect(r.results[0]?.ok).toBe(false);
    expect(await readFile(path.join(tmp(), 'deleter', 'index.html'), 'utf8')).toBe('<h1>hi</h1>');
  });
});
