import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { LoadResult } from '../src/index.js';
import { refusedPort, startTestServer, type TestServer } from './helpers/test-servers.js';

const bin = join(import.meta.dirname, '../src/bin/loadtest.ts');
const dir = mkdtempSync(join(tmpdir(), 'netlab-cli-'));
let server: TestServer | null = null;
const children: ChildProcess[] = [];
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], onStderr?: (text: string, child: ChildProcess) => void): Promise<Run> {
  // Straight under node (no npx in between) so SIGINT reaches the CLI itself.
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], {
    cwd: import.meta.dirname,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
    onStderr?.(stderr, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const ownLines = (stderr: string) => stderr.split('\n').filter((l) => /^LOADTEST_|^internal error/.test(l));

describe('netlab-loadtest CLI', () => {
  it('runs, prints the table in Locust columns and writes JSON, CSV and HTML (exit 0)', async () => {
    server = await startTestServer('python');
    const prefix = join(dir, 'ok');
    const run = await cli([
      '--host',
      server.url,
      '-u',
      '3',
      '-r',
      '10',
      '-n',
      '60',
      '--json',
      `${prefix}.json`,
      '--csv',
      prefix,
      '--html',
      `${prefix}.html`,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Type\s+Name\s+# Requests\s+# Fails\s+Median \(ms\)\s+90%ile \(ms\)/);
    const result = LoadResult.parse(JSON.parse(readFileSync(`${prefix}.json`, 'utf8')));
    expect(result.requests).toBe(60);
    expect(server.received()).toBe(60);
    for (const f of ['_stats.csv', '_stats_history.csv', '_failures.csv'])
      expect(existsSync(prefix + f)).toBe(true);
    const html = readFileSync(`${prefix}.html`, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|src="http/);
  }, 60_000);

  it('exits 3 with the table and one line, not a crash, when every connection is refused', async () => {
    const port = await refusedPort();
    const run = await cli(['--host', `http://127.0.0.1:${port}`, '-u', '2', '-n', '10', '--quiet']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/failures by kind: refused 10/);
    expect(ownLines(run.stderr)).toEqual([
      `LOADTEST_TARGET_UNREACHABLE: nothing answered at http://127.0.0.1:${port}: every connection was refused; start the server or check --host`,
    ]);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  }, 60_000);

  it('exits 0 when the server answers with failures: that is a result', async () => {
    server = await startTestServer('keep-alive', () => 'status500');
    const run = await cli(['--host', server.url, '-u', '2', '-n', '10', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/failures by kind: status 10/);
  }, 60_000);

  it.each([
    [['--host', 'localhost:8080'], /host: must be an http:\/\/ URL/],
    [['--host', 'http://127.0.0.1:1', '-u', 'many'], /--users "many" is not a number/],
    [['--host', 'http://127.0.0.1:1', '-t', '5 minutes'], /--run-time "5 minutes" is not a duration/],
    [['--host', 'http://127.0.0.1:1', '--bogus'], /unknown flag --bogus \(see --help\)/],
    [['--host', 'http://127.0.0.1:1', '--json', '/nonexistent/dir/x.json'], /--json .*does not exist/],
  ])(
    'exits 2 with one line naming the problem: %j',
    async (args, message) => {
      const run = await cli(args);
      expect(run.code).toBe(2);
      const lines = ownLines(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    },
    60_000,
  );

  it('exits 2 naming the scenario file and the bad field', async () => {
    const scenario = join(dir, 'bad.yaml');
    writeFileSync(scenario, 'tasks:\n  - path: login\n    weight: 0\n');
    const run = await cli(['--host', 'http://127.0.0.1:1', '--scenario', scenario]);
    expect(run.code).toBe(2);
    const lines = ownLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/bad\.yaml: tasks\[0\]\.path: path must start with \/; tasks\[0\]\.weight/);
  }, 60_000);

  it('on Ctrl-C stops, prints the table and writes the partial JSON and CSV', async () => {
    server = await startTestServer('keep-alive');
    const prefix = join(dir, 'partial');
    let sent = false;
    const run = await cli(
      [
        '--host',
        server.url,
        '-u',
        '2',
        '-t',
        '5m',
        '--wait',
        '0.01,0.02',
        '--json',
        `${prefix}.json`,
        '--csv',
        prefix,
      ],
      (stderr, child) => {
        if (!sent && /\[2s\/300s\]/.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/Aggregated/);
    const result = LoadResult.parse(JSON.parse(readFileSync(`${prefix}.json`, 'utf8')));
    expect(result.stoppedBy).toBe('interrupt');
    expect(result.requests).toBeGreaterThan(0);
    expect(readFileSync(`${prefix}_stats.csv`, 'utf8')).toMatch(/,Aggregated,/);
  }, 90_000);

  it('export-locust writes a locustfile for the scenario', async () => {
    const scenario = join(dir, 'flow.yaml');
    writeFileSync(
      scenario,
      'tasks:\n  - { name: login, method: post, path: /login, body: "id=1", weight: 1 }\n  - { path: /list, weight: 3, expectStatus: [200] }\n',
    );
    const run = await cli(['export-locust', '--scenario', scenario, '--wait', '1,5']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wait_time = between(1, 5)');
    expect(run.stdout).toContain('@task(3)');
    expect(run.stdout).toContain(
      'self.client.request("POST", "/login", data="id=1", name="login", timeout=10)',
    );
  }, 60_000);
});
