import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import {
  buildConcurrencyClass,
  classCheckArgs,
  type ConcurrencyClass,
} from './fixtures/build-concurrency-class.js';
import { processesMentioning } from './fixtures/processes.js';

// The week-6 class of six servers through the CLI, as root: sandboxed, two at a time, TMPDIR in a 0700 folder.
const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'bin', 'grader.ts');
const run = promisify(execFile);
const runId = randomBytes(4).toString('hex');
const entry = `server_${runId}.py`;
const marker = `student-was-here-${runId}`;

let root: string;
let privateTmp: string;
let fixture: ConcurrencyClass;
let listener: net.Server;
const knocks: string[] = [];
let stdout = '';

/** The CLI as users run it (node with tsx, no wrapper process), with TMPDIR inside a folder only root may enter. */
const cliArgs = (out: string, jobs: number) => [
  '--import',
  'tsx',
  BIN,
  ...classCheckArgs(fixture, out, jobs),
];
const cliEnv = () => ({ ...process.env, TMPDIR: privateTmp });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'grader-cli-conc-'));
  privateTmp = path.join(root, 'private', 'tmp');
  await mkdir(privateTmp, { recursive: true });
  await chmod(path.join(root, 'private'), 0o700);
  listener = net.createServer((socket) => {
    knocks.push('connection');
    socket.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  const hostPort = (listener.address() as net.AddressInfo).port;
  fixture = await buildConcurrencyClass(root, { entry, hostPort, marker });
  ({ stdout } = await run(process.execPath, cliArgs(path.join(root, 'out'), 2), {
    env: cliEnv(),
    cwd: path.dirname(BIN),
    timeout: 400_000,
  }));
}, 420_000);

afterAll(async () => {
  await new Promise((r) => listener.close(r));
  await rm(root, { recursive: true, force: true });
});

const csvRows = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true });

describe('grader check on a week-6 class with concurrency and load probes', () => {
  it('flags the blocking and join() servers BLOCKING, the 50 ms-sleep server LOAD, nobody PORT', async () => {
    const rows = csvRows(await readFile(path.join(root, 'out', 'grades.csv'), 'utf8'));
    const flags = Object.fromEntries(rows.map((r) => [r.student_id, r.flags]));
    // The join() server starts a process per client and waits for it: on a busy machine its throughput may
    // also miss the load mark, which is a true finding; it must always be BLOCKING. Healthy servers never flip.
    expect({ ...flags, '2020000003': flags['2020000003']!.replace(/;LOAD$/, '') }).toEqual({
      '2020000001': '',
      '2020000002': 'BLOCKING',
      '2020000003': 'BLOCKING',
      '2020000004': 'LOAD',
      '2020000005': '',
      '2020000006': '',
    });
    const score = Object.fromEntries(rows.map((r) => [r.student_id, r.score]));
    expect(score['2020000001']).toBe('10');
    expect(score['2020000002']).toBe('9');
    expect(score['2020000006']).toBe('10');
    expect(Number(score['2020000004'])).toBeLessThan(10);
    const notes = Object.fromEntries(rows.map((r) => [r.student_id, r.notes]));
    expect(notes['2020000002']).toMatch(
      /^BLOCKING: with 2 idle clients connected, check GET \/ → 200 got no reply in \d+ ms \(limit 2000 ms\)/,
    );
    expect(notes['2020000004']).toMatch(/LOAD: minRps \d+ req\/s, expected ≥ 100 req\/s/);
  });

  it('writes checks.csv: a row per HTTP check, concurrency check and threshold, sorted like grades.csv', async () => {
    const text = await readFile(path.join(root, 'out', 'checks.csv'), 'utf8');
    expect(text.startsWith('\uFEFFstudent_id,check,passed,value,expected,detail\r\n')).toBe(true);
    const rows = csvRows(text);
    const select = rows.filter((r) => r.student_id === '2020000001').map((r) => [r.check, r.passed]);
    expect(select).toEqual([
      ['http GET / → 200', 'true'],
      ['http GET /missing.html → 404', 'true'],
      ['concurrency GET / → 200', 'true'],
      ['concurrency GET /missing.html → 404', 'true'],
      ['load maxFailureRatio', 'true'],
      ['load p95Ms', 'true'],
      ['load minRps', 'true'],
    ]);
    const blocking = rows.find((r) => r.student_id === '2020000002' && r.check?.startsWith('concurrency'));
    expect(blocking).toMatchObject({ passed: 'false', expected: '≤ 2000 ms with 2 held clients' });
    expect(rows.map((r) => r.student_id)).toEqual([...rows.map((r) => r.student_id)].sort());
  });

  it('explains BLOCKING in Korean and English in the feedback', async () => {
    const md = await readFile(path.join(root, 'out', 'feedback', '2020000003.md'), 'utf8');
    expect(md).toContain('한 클라이언트의 recv에서 기다리는 동안');
    expect(md).toContain('While your server waits in one client');
    expect(md).toContain('- 동시성 Concurrency: 0 / 1');
  });

  it('keeps the hostile server off the host: no knock on 127.0.0.1, nothing in /tmp, no process left', () => {
    expect(knocks).toEqual([]);
    expect(existsSync(`/tmp/${marker}`)).toBe(false);
    expect(existsSync(path.join(privateTmp, marker))).toBe(false);
    expect(processesMentioning(runId)).toEqual([]);
  });

  it('says it graded in the sandbox with a TMPDIR only root can enter', () => {
    expect(stdout).toContain('6 students graded');
    expect(stdout).not.toContain('without a sandbox');
  });
});

/** Processes whose parent is `pid` and whose command line mentions `text`. */
function childrenMentioning(pid: number, text: string): number[] {
  return processesMentioning(text).filter((p) => {
    try {
      return new RegExp(`^PPid:\\s+${pid}$`, 'm').test(readFileSync(`/proc/${p}/status`, 'utf8'));
    } catch {
      return false;
    }
  });
}

describe('killing the grader with SIGKILL mid-class', () => {
  it('leaves no student process and no probe agent behind', async () => {
    const grader: ChildProcess = spawn(process.execPath, cliArgs(path.join(root, 'out-killed'), 2), {
      env: cliEnv(),
      cwd: path.dirname(BIN),
      stdio: 'ignore',
    });
    const until = Date.now() + 120_000;
    let agents: number[] = [];
    while (Date.now() < until) {
      agents = childrenMentioning(grader.pid ?? -1, 'probe-agent');
      if (processesMentioning(runId).length && agents.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(processesMentioning(runId).length).toBeGreaterThan(0);
    const exited = new Promise((r) => grader.once('exit', r));
    grader.kill('SIGKILL');
    await exited;
    const gone = Date.now() + 10_000;
    while (Date.now() < gone && (processesMentioning(runId).length || agents.some(alive)))
      await new Promise((r) => setTimeout(r, 100));
    expect(processesMentioning(runId)).toEqual([]);
    expect(agents.filter(alive)).toEqual([]);
  }, 180_000);
});

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
