/** `lab:week6 --quick --models none --server …` against scripted student servers, on real sockets. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main } from '../src/cli/main.js';
import { metricValue } from '../src/metrics.js';
import { LabResults } from '../src/results.js';
import { freePort } from './ports.js';

const dirs: string[] = [];
const tempOut = () => {
  const d = mkdtempSync(join(tmpdir(), 'lab-student-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const script = (name: string) => new URL(`./fixtures/servers/${name}`, import.meta.url).pathname;

/** The CLI as `pnpm lab:week6 …` runs it: exit code, stdout and stderr. */
async function lab(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: { write: (t: string) => err.push(t) } as never };
  const code = await main(['week6', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

async function quickStudent(server: string, port?: number) {
  const outDir = tempOut();
  const p = port ?? (await freePort());
  const run = await lab([
    '--quick',
    '--models',
    'none',
    '--out',
    outDir,
    '--server',
    server.replaceAll('PORT', String(p)),
    '--port',
    String(p),
  ]);
  const results = LabResults.parse(JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')));
  const find = (scenario: string) => results.stress.find((r) => r.scenario === scenario)!;
  return { ...run, results, ramp: find('ramp'), fixed: find('fixed'), outDir };
}

/** The scheduler's rule: users start at spawnRate per second, the first at 0 s. */
const usersAt = (users: number, spawnRate: number, t: number) =>
  Math.min(users, Math.floor(t * spawnRate) + 1);

describe('a student server that hangs', () => {
  it('never answering every other connection: timeouts and a first failure, within the quick budget', async () => {
    const { code, stdout, ramp, fixed } = await quickStudent(`node ${script('every-other-hangs.cjs')} PORT`);
    expect(code).toBe(0);
    expect(ramp.result!.failuresByKind.timeout).toBeGreaterThan(0);
    expect(ramp.result!.firstFailure?.kind).toBe('timeout');
    expect(metricValue(ramp, 'users_at_first_failure')).toBeGreaterThanOrEqual(1);
    expect(fixed.result!.failuresByKind.timeout).toBeGreaterThan(0);
    // The table gives the users at the first failure, not "none ≤ 60".
    expect(stdout).not.toContain('none ≤');
  }, 120_000);

  it('first timing out at a known moment: users at the first failure are those when that request was sent', async () => {
    const sentFile = join(tempOut(), 'sent-at');
    // 20 ms per answer keeps each user near 50 requests/s, so request 201 arrives about half a second in, while
    // its timeout becomes known 2 s later with every user running.
    const { ramp } = await quickStudent(`node ${script('hangs-after.cjs')} PORT 200 20 ${sentFile}`);
    const result = ramp.result!;
    const sentSec = (Number(readFileSync(sentFile, 'utf8')) - Date.parse(result.startedAt)) / 1000;
    const first = result.firstFailure!;
    expect(first.kind).toBe('timeout');
    // Sent just before the server saw it (a loaded machine may delay the arrival, never precede the send).
    expect(first.sentSecond).toBeLessThanOrEqual(sentSec + 0.05);
    expect(sentSec - first.sentSecond).toBeLessThan(1);
    // Users are spawned on a 50 ms tick (later on a loaded machine): never more than the rule allows at the
    // send, and fewer than were running when the timeout became known 2 s later.
    expect(first.users).toBeLessThanOrEqual(usersAt(result.users, result.spawnRate, first.sentSecond) + 1);
    expect(first.users).toBeLessThan(usersAt(result.users, result.spawnRate, first.second) - 10);
  }, 120_000);
});

describe('what a student server says', () => {
  it('started from the wrong folder: the report shows its traceback, not only "closed before response"', async () => {
    const { code, results, stderr } = await quickStudent(`python3 ${script('wrong_folder.py')} PORT`);
    expect(code).toBe(2);
    expect(results.notes.join('\n')).toContain('FileNotFoundError');
    expect(results.stress[0]!.result!.failuresByKind.closed).toBeGreaterThan(0);
    expect(stderr).toMatch(
      /^LAB_SERVER_SILENT: your server \(--server\) never answered a request \(\w+: closed \d+/m,
    );
    expect(stderr).toMatch(
      /^LAB_SERVER_SILENT: .*FileNotFoundError: \[Errno 2\] No such file or directory: 'www\/index\.html'/m,
    );
  }, 120_000);

  it('never answering at all: exits 2 with the reason, results and report still written', async () => {
    const { code, stderr, outDir } = await quickStudent(
      `node ${script('hangs-after.cjs')} PORT 0 0 /dev/null`,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/never answered a request \(\w+: timeout \d+/);
    expect(existsSync(join(outDir, 'CN_6_report.pdf'))).toBe(true);
  }, 120_000);

  it('restarted within a minute without SO_REUSEADDR: says TIME_WAIT, not "in use by another process"', async () => {
    const port = await freePort();
    const server = spawn('python3', [script('no_reuseaddr.py'), String(port)], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50; i++) {
        const ok = await new Promise<boolean>((resolve) => {
          const s = connect(port, '127.0.0.1', () => s.end('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
          s.on('data', () => {});
          s.on('close', () => resolve(true));
          s.on('error', () => resolve(false));
        });
        if (!ok) await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
    }
    const { code, stderr } = await quickStudent(`python3 ${script('no_reuseaddr.py')} PORT`, port);
    expect(code).toBe(2);
    expect(stderr).toContain('TIME_WAIT');
    expect(stderr).toContain('SO_REUSEADDR');
    expect(stderr).not.toContain('in use by another process');
  }, 120_000);
});
