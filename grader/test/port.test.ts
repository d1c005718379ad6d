import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { CodeFile } from '../src/checks/code.js';
import { checkPort, pickEntry } from '../src/checks/port.js';
import { DEFAULT_SERVER_RUN } from '../src/checks/server-run.js';
import { freePort } from './fixtures/free-port.js';
import { makeIsolation } from './fixtures/isolations.js';
import { pythonServers } from './fixtures/python-servers.js';
import { useTempDir } from './fixtures/temp-dir.js';

const file = (rel: string, content = 'print(1)'): CodeFile => ({ rel, abs: `/nonexistent/${rel}`, content });
const code = { glob: '**/*.py', template: [], extraEntries: [] as string[], language: 'python' as const };

describe('pickEntry', () => {
  const files = [
    file('a/b/server.py'),
    file('server.py'),
    file('배준현_client.py'),
    file('util.py', "s.bind(('', 8080))"),
  ];

  it.each<[string | undefined, string | undefined]>([
    ['server.py', 'server.py'],
    ['b/server.py', 'a/b/server.py'],
    ['client.py', '배준현_client.py'],
    ['missing.py', undefined],
    [undefined, 'util.py'],
  ])('entry %s → %s', (entry, expected) => {
    expect(pickEntry(files, entry)?.rel).toBe(expected);
  });
});

describe('checkPort with several servers (code.extraEntries)', () => {
  const tmp = useTempDir('port');

  it('runs each server in turn and averages their shares; a missing one counts 0', async () => {
    const port = await freePort();
    const { isolation, done } = await makeIsolation('bwrap', port);
    const sources = {
      'process_server.py': pythonServers.working(port),
      'thread_server.py': pythonServers.crashing(),
    };
    const files: CodeFile[] = [];
    for (const [rel, content] of Object.entries(sources)) {
      await writeFile(path.join(tmp(), rel), content);
      files.push({ rel, abs: path.join(tmp(), rel), content });
    }
    const spec = {
      port,
      code: { ...code, entry: 'process_server.py', extraEntries: ['thread_server.py', 'select_server.py'] },
    };
    const run = {
      ...DEFAULT_SERVER_RUN,
      startTimeoutMs: 15_000,
      checks: [{ method: 'GET' as const, path: '/x', status: 404, contentLength: false }],
      isolation,
    };
    const r = await checkPort(files, files, spec, run).finally(done);
    expect(r.runs.map((x) => [x.entry, x.found, x.fraction])).toEqual([
      ['process_server.py', true, 1],
      ['thread_server.py', true, 0],
      ['select_server.py', false, 0],
    ]);
    expect(r.fraction).toBeCloseTo(1 / 3);
    expect(r.flags).toEqual(['PORT']);
    expect(r.notes).toEqual([
      `thread_server.py: server exited with code 1 before listening on port ${port}`,
      'no select_server.py to run',
    ]);
  });
});

describe('checkPort without running', () => {
  it('flags a port literal different from the spec', async () => {
    const r = await checkPort(
      [file('server.py', "s.bind(('', 9999))")],
      [],
      { port: 8080, code: { ...code, entry: 'server.py' } },
      null,
    );
    expect(r).toMatchObject({
      staticPorts: [9999],
      fraction: 0,
      flags: ['PORT'],
      notes: ['code binds port 9999, the assignment asks for 8080'],
    });
  });

  it('flags a missing entry file', async () => {
    const r = await checkPort(
      [file('other.py')],
      [],
      { port: 8080, code: { ...code, entry: 'server.py' } },
      null,
    );
    expect(r).toMatchObject({ fraction: 0, flags: ['PORT'], notes: ['no server.py to run'] });
  });

  it('passes when the spec names no port', async () => {
    expect(await checkPort([file('x.py')], [], { port: undefined, code }, null)).toMatchObject({
      fraction: 1,
      flags: [],
    });
  });

  it('says why when the server could not even be copied to run', async () => {
    const files = [file('server.py', "s.bind(('', 8080))")];
    const isolation = { kind: 'none' as const, python: 'python3', copiesDir: os.tmpdir(), warning: '' };
    const run = { ...DEFAULT_SERVER_RUN, checks: [], isolation };
    const r = await checkPort(files, files, { port: 1, code: { ...code, entry: 'server.py' } }, run);
    expect(r.flags).toEqual(['PORT']);
    expect(r.notes).toEqual(['code binds port 8080, the assignment asks for 1', 'server not run: ENOENT']);
  });
});
