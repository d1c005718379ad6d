import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SANDBOX_LIMITS } from '../src/isolation/sandbox.js';
import { runStudentServer } from '../src/checks/server-run.js';
import type { Isolation } from '../src/isolation/isolation.js';
import { hostileServer, seenIn } from './fixtures/hostile-server.js';
import { makeIsolation } from './fixtures/isolations.js';
import { processesMentioning } from './fixtures/processes.js';
import { useTempDir } from './fixtures/temp-dir.js';

// One hostile student in the bwrap sandbox, as root (how the grader and its CI run): what it sees and what it leaves.
const tmp = useTempDir('isolation');
let isolation: Isolation;
let done = async () => {};
let listener: net.Server;
let hostPort: number;
const knocks: string[] = [];

beforeAll(async () => {
  const made = await makeIsolation('bwrap', 8080);
  isolation = made.isolation;
  done = made.done;
  listener = net.createServer((socket) => {
    knocks.push('connection');
    socket.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  hostPort = (listener.address() as net.AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => listener.close(r));
  await done();
});

describe('a hostile server in the sandbox', () => {
  it('sees no other process, file or network of the host, changes nothing outside, and is gone after its run', async () => {
    const marker = `hostile-${process.pid}-${Date.now()}`;
    const classmate = path.join(tmp(), 'classmate');
    const out = path.join(tmp(), 'grader-out');
    await mkdir(classmate, { recursive: true });
    await mkdir(out, { recursive: true });
    await writeFile(path.join(classmate, 'select_server.py'), 'print(1)\n');
    await writeFile(path.join(out, 'grades.csv'), 'student_id\n');
    const dir = path.join(tmp(), 'hostile');
    await mkdir(dir, { recursive: true });
    const server = hostileServer(8080, { hostPort, secrets: [classmate, out, '/work', '/root'], marker });
    await writeFile(path.join(dir, 'server.py'), server);
    await writeFile(path.join(dir, 'index.html'), '<h1>hi</h1>');
    const files = ['server.py', 'index.html'].map((rel) => ({ rel, abs: path.join(dir, rel) }));
    const tmpBefore = await readdir('/tmp');

    const run = await runStudentServer(files, 'server.py', {
      port: 8080,
      checks: [{ method: 'GET', path: '/', status: 200, contentType: 'text/html', contentLength: true }],
      startTimeoutMs: 30_000,
      checkTimeoutMs: 10_000,
      limits: DEFAULT_SANDBOX_LIMITS,
      isolation,
    });

    expect(run).toMatchObject({ listened: true, fraction: 1 });
    const seen = seenIn(run.stderrTail);
    // Its own PID namespace: bwrap's init, the server, its forks; no grader, no classmate, no path or token of ours.
    expect(Math.max(...seen.pids)).toBeLessThan(10);
    expect(seen.cmdlines.join(' ')).not.toMatch(/node|jest|select_server|grader|tmp|NETLAB/);
    expect(seen.secrets).toEqual([]);
    expect(seen.connected).toBe(false);
    expect(knocks).toEqual([]);
    // Its private /tmp is writable and vanished with it; nothing else is.
    expect(seen.wrote).toEqual([`/tmp/${marker}.txt`]);
    expect(existsSync(`/tmp/${marker}.txt`)).toBe(false);
    expect((await readdir('/tmp')).filter((f) => f.includes(marker) && !tmpBefore.includes(f))).toEqual([]);
    expect(await readdir(classmate)).toEqual(['select_server.py']);
    expect(processesMentioning(marker)).toEqual([]);
  }, 120_000);
});
