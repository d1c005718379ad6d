import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runStudentServer, type ServerRunOptions } from '../src/checks/server-run.js';
import { DEFAULT_SANDBOX_LIMITS } from '../src/checks/sandbox.js';
import type { SubmittedFile } from '../src/submissions/discover.js';
import { freePort } from './fixtures/free-port.js';
import { pythonServers } from './fixtures/python-servers.js';
import { useTempDir } from './fixtures/temp-dir.js';

// Real python3 processes, one at a time (they share the port). Servers that should come up get a generous start
// timeout (they return as soon as the port opens); those that never will get a short one so the suite stays quick.
const tmp = useTempDir('run-test');
let port: number;
let options: ServerRunOptions;
let short: ServerRunOptions;
let bomb: ServerRunOptions;

beforeAll(async () => {
  port = await freePort();
  options = {
    port,
    checks: [
      { method: 'GET', path: '/', status: 200, contentType: 'text/html', contentLength: true },
      { method: 'GET', path: '/nope.html', status: 404, contentLength: false },
    ],
    startTimeoutMs: 15_000,
    checkTimeoutMs: 10_000,
    limits: { ...DEFAULT_SANDBOX_LIMITS, cpuSeconds: 5 },
  };
  short = { ...options, startTimeoutMs: 2500 };
  // The process cap is per user (`nobody`): the bomb's small cap leaves room for other runs on the machine.
  bomb = { ...short, limits: { ...short.limits, maxProcesses: 40 } };
});

const pidDirs: string[] = [];
afterAll(async () => {
  for (const dir of pidDirs) await rm(dir, { recursive: true, force: true });
});

/** Outside our private temp dir and world-writable: the server under test may run as `nobody`. */
async function pidDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grader-pids-'));
  pidDirs.push(dir);
  await chmod(dir, 0o777);
  return dir;
}

/** Alive and not a zombie (killed children of a dead parent wait for init to reap them). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function submission(name: string, server: string): Promise<SubmittedFile[]> {
  const dir = path.join(tmp(), name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'server.py'), server);
  await writeFile(path.join(dir, 'index.html'), '<h1>hi</h1>');
  return ['server.py', 'index.html'].map((rel) => ({ rel, abs: path.join(dir, rel) }));
}

describe('runStudentServer', () => {
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
    const pids = await pidDir();
    const r = await runStudentServer(
      await submission('fork', pythonServers.forkBomb(pids)),
      'server.py',
      bomb,
    );
    expect(r.listened).toBe(false);
    const forked = (await readdir(pids)).map(Number);
    expect(forked.length).toBeLessThanOrEqual(bomb.limits.maxProcesses);
    expect(forked.filter(isRunning)).toEqual([]);
  });

  it('kills a daemon that left the process group, freeing the port for the next student', async () => {
    const pids = await pidDir();
    const r = await runStudentServer(
      await submission('daemon', pythonServers.daemon(port, pids)),
      'server.py',
      options,
    );
    expect(r.listened).toBe(true);
    const [daemon] = (await readdir(pids)).map(Number);
    expect(daemon).toBeGreaterThan(0);
    expect(isRunning(daemon as number)).toBe(false);
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
