import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { main } from '../src/cli.js';
import { buildClass, classCheckArgs, type FixtureClass } from './fixtures/build-class.js';
import { captureIo } from './fixtures/capture-io.js';
import { freePort } from './fixtures/free-port.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('regrade');
/** 2019000007's server after the appeal: the spec's port, and 404 for anything but `/`. */
const FIXED_SERVER = `# 조예린
from socket import socket, AF_INET, SOCK_STREAM

s = socket(AF_INET, SOCK_STREAM)
s.bind(('127.0.0.1', PORT))
s.listen(5)
while True:
    conn, addr = s.accept()
    request = conn.recv(1000).decode()
    target = request.split(' ')[1] if request.count(' ') >= 2 else '/'
    if target == '/':
        conn.send(b'HTTP/1.0 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n<h1>hello</h1>')
    else:
        conn.send(b'HTTP/1.0 404 Not Found\\r\\nContent-Type: text/html\\r\\n\\r\\nnot here')
    conn.close()
`;
let fixture: FixtureClass;
let port: number;
let full: string;

async function check(out: string, ...extra: string[]) {
  const { io, out: text } = captureIo();
  const code = await main([...classCheckArgs(fixture, out), ...extra], io);
  return { code, ...text };
}

/** A copy of the full run's folder, to regrade into. */
async function copyOfFullRun(name: string): Promise<string> {
  const dir = path.join(tmp(), name);
  await cp(full, dir, { recursive: true });
  return dir;
}

const read = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8');
/** The file's lines without those naming `id` (rows are one line: notes never hold a line break). */
const linesWithout = async (dir: string, file: string, id: string) =>
  (await read(dir, file)).split('\r\n').filter((l) => !l.includes(id));
const row = async (dir: string, id: string) =>
  (parse(await read(dir, 'grades.csv'), { columns: true, bom: true }) as Record<string, string>[]).find(
    (r) => r.student_id === id,
  );

beforeAll(async () => {
  port = await freePort();
  fixture = await buildClass(tmp(), port);
  full = path.join(tmp(), 'full');
  expect((await check(full)).code).toBe(0);
}, 300_000);

describe('grader check --only', () => {
  it('regrading a student of a copy pair keeps their COPY and rewrites every sheet byte for byte', async () => {
    const out = await copyOfFullRun('again');
    const r = await check(out, '--only', '2019000008');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 students regraded');
    for (const file of ['grades.csv', 'checks.csv', 'similarity.csv'])
      expect(await readFile(path.join(out, file))).toEqual(await readFile(path.join(full, file)));
    expect((await row(out, '2019000008'))?.notes).toMatch(/^copy of 2019000009 \(\d+% similar\)$/);
  }, 120_000);

  it('an appeal with a fixed server replaces only that student: rows, checks, pairs and feedback', async () => {
    const out = await copyOfFullRun('appeal');
    const before = await readFile(path.join(out, 'feedback', '2019000001.md'), 'utf8');
    await writeFile(path.join(out, 'feedback', '2019000001.md'), 'untouched');
    const fixed = path.join(fixture.submissions, '2019000007_조예린', 'server.py');
    const original = await readFile(fixed, 'utf8');
    await writeFile(fixed, FIXED_SERVER.replace('PORT', String(port)));
    try {
      expect(await check(out, '--only', '2019000007')).toMatchObject({ code: 0 });
    } finally {
      await writeFile(fixed, original);
    }
    expect(await row(out, '2019000007')).toMatchObject({ score: '10', flags: '' });
    expect((await row(full, '2019000007'))?.flags).toBe('PORT');
    for (const file of ['grades.csv', 'checks.csv', 'similarity.csv'])
      expect(await linesWithout(out, file, '2019000007')).toEqual(
        await linesWithout(full, file, '2019000007'),
      );
    const checks = (await read(out, 'checks.csv')).split('\r\n').filter((l) => l.startsWith('2019000007,'));
    expect(checks.every((l) => l.includes(',true,'))).toBe(true);
    const pairs = (await read(out, 'similarity.csv')).split('\r\n').filter((l) => l.includes('2019000007'));
    expect(pairs).toHaveLength(8);
    expect(pairs).not.toEqual(
      (await read(full, 'similarity.csv')).split('\r\n').filter((l) => l.includes('2019000007')),
    );
    expect(await read(out, 'feedback/2019000007.md')).toContain('점수 Score: 10 / 10');
    expect(await read(out, 'feedback/2019000001.md')).toBe('untouched');
    expect(before).toContain('2019000001');
  }, 120_000);

  it('refuses an unknown id and a folder without a previous run, one line each, exit 2', async () => {
    const unknown = await check(await copyOfFullRun('unknown'), '--only', '2019000001,2019999999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'GRADER_UNKNOWN_STUDENT: --only 2019999999: not in this class (roster, manifest or submissions); check the id\n',
    );
    const empty = path.join(tmp(), 'empty');
    await mkdir(empty);
    const none = await check(empty, '--only', '2019000001');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^GRADER_NO_PREVIOUS_RUN: .*empty holds no grades\.csv: run grader check on the whole class into it first, then --only\n$/,
    );
  });
});

describe('grader check --overrides', () => {
  const overrides = () => path.join(tmp(), 'overrides.csv');

  it('applies overrides last: in grades.csv, the notes, the feedback, and again on a second run', async () => {
    await writeFile(
      overrides(),
      [
        'student_id,part,value,reason',
        '2019000009,flag:-COPY,,원본 작성자로 확인됨 (면담)',
        '2019000002,score,9.5,보고서 파일명은 조교 안내 오류',
        '2019000007,server,2,포트 설정 재확인',
      ].join('\n'),
    );
    const out = path.join(tmp(), 'overridden');
    const first = await check(out, '--no-run', '--overrides', overrides());
    expect(first.code).toBe(0);
    const nine = await row(out, '2019000009');
    expect(nine).toMatchObject({ score: '10', flags: 'OVERRIDE' });
    expect(nine?.notes).toMatch(
      /^copy of 2019000008 \(\d+% similar\) \/ 조정 Override: -COPY — 원본 작성자로 확인됨 \(면담\)$/,
    );
    expect(await row(out, '2019000002')).toMatchObject({ score: '9.5', flags: 'REPORT_NAME;OVERRIDE' });
    expect((await row(out, '2019000007'))?.notes).toContain('조정 Override: server 0 → 2 — 포트 설정 재확인');
    expect((await row(out, '2019000008'))?.flags).toBe('COPY');
    const feedback = await read(out, 'feedback/2019000009.md');
    expect(feedback).toContain(
      '- 조정 Override: -COPY — 원본 작성자로 확인됨 (면담)\n- 최종 Final: **10 / 10**',
    );
    expect(feedback).toContain('`OVERRIDE`');

    const grades = await read(out, 'grades.csv');
    expect((await check(out, '--no-run', '--overrides', overrides())).code).toBe(0);
    expect(await read(out, 'grades.csv')).toBe(grades);
    const without = await check(out, '--no-run');
    expect(without.stdout).toContain('had 3 overridden student(s); this run has no --overrides');
  }, 120_000);

  it('a row naming an unknown student or part, or points out of range, is exit 2 naming the row', async () => {
    const cases: [string, string][] = [
      ['2019999999,score,5,x', 'overrides row 2 (2019999999,score): student 2019999999 is not in this class'],
      [
        '2019000001,style,1,x',
        'overrides row 2 (2019000001,style): part style is not graded by this spec (use score, server, report, code or flag:+COPY',
      ],
      [
        '2019000001,server,7,x',
        'overrides row 2 (2019000001,server): value "7" is not a number of points from 0 to 4',
      ],
      ['2019000001,score,5,', 'row 2: column reason is empty'],
    ];
    for (const [line, message] of cases) {
      await writeFile(overrides(), `student_id,part,value,reason\n${line}\n`);
      const r = await check(path.join(tmp(), 'bad-override'), '--no-run', '--overrides', overrides());
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
    }
  });
});
