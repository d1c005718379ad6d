import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AssignmentSpec } from '@netlab/assignments';
import { main } from '../src/cli.js';
import { gradeClass } from '../src/grade-class.js';
import { captureIo } from './fixtures/capture-io.js';
import {
  buildClass,
  classCheckArgs,
  type FixtureClass,
  testSpec,
  writeSpec,
} from './fixtures/build-class.js';
import { freePort } from './fixtures/free-port.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'bin', 'grader.ts');
const run = promisify(execFile);

let root: string;
let fixture: FixtureClass;
let outDir: string;
let cliStdout: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'grader-cli-'));
  fixture = await buildClass(root, await freePort());
  outDir = path.join(root, 'out');
  const { stdout } = await run(
    'npx',
    [
      'tsx',
      BIN,
      'check',
      fixture.submissions,
      '--spec',
      fixture.spec,
      '--out',
      outDir,
      '--roster',
      fixture.roster,
      '--extensions',
      fixture.extensions,
      '--server-timeout',
      '8',
    ],
    { timeout: 290_000 },
  );
  cliStdout = stdout;
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('grader check on a class of 13', () => {
  it('writes the expected grades.csv rows', async () => {
    const text = await readFile(path.join(outDir, 'grades.csv'), 'utf8');
    expect(text.startsWith('\uFEFFstudent_id,name,score,max_points,late_days,flags,notes\r\n')).toBe(true);
    const rows: Record<string, string>[] = parse(text, { columns: true, bom: true });
    const brief = rows.map((r) =>
      [r.student_id, r.name, r.score, r.max_points, r.late_days, r.flags].join(','),
    );
    expect(brief).toEqual([
      '2019000001,김민수,10,10,0,',
      '2019000002,이서연,9,10,0,REPORT_NAME',
      '2019000003,박지훈,9,10,1,LATE',
      '2019000004,최유진,9,10,0,REPORT_SECTIONS',
      '2019000005,정하늘,0,10,0,NO_CODE;REPORT_FORMAT',
      '2019000006,강도윤,0,10,0,NO_CODE;NO_REPORT',
      '2019000007,조예린,6,10,0,PORT',
      '2019000008,윤성호,0,10,0,COPY',
      '2019000009,장미래,0,10,0,COPY',
      '2019000010,임수빈,10,10,0,',
      '2019000011,한지우,0,10,0,NO_SUBMISSION',
      '2019000012,오세훈,10,10,0,',
      '2019000013,배준현,4,10,0,NO_CODE',
    ]);
    const notes = Object.fromEntries(rows.map((r) => [r.student_id, r.notes]));
    expect(notes['2019000001']).toBe('');
    expect(notes['2019000002']).toBe('report named report.pdf, expected CN_T_2019000002_이서연.pdf');
    expect(notes['2019000003']).toBe(
      '1 day(s) late (submitted 2019-11-01T09:00:00+09:00, deadline 2019-10-31T23:59:00+09:00)',
    );
    expect(notes['2019000004']).toBe('report sections missing: 과제목표'.replace('과제목표', '코드 설명'));
    expect(notes['2019000007']).toContain('code binds port 9999');
    expect(notes['2019000008']).toMatch(/^copy of 2019000009 \(\d+% similar\)$/);
    expect(notes['2019000009']).toMatch(/^copy of 2019000008 \(\d+% similar\)$/);
    expect(notes['2019000010']).toBe('zip entries not extracted: ../evil.txt (path leaves the folder)');
    expect(notes['2019000011']).toBe('no submission (미제출)');
    expect(notes['2019000012']).toBe('EXTENSION: deadline moved to 2019-11-03T23:59:00+09:00');
    expect(notes['2019000013']).toContain('the latest, 2019000013_배준현.zip, counts');
  });

  it('never writes a zip entry outside its temp folder', async () => {
    await expect(readFile(path.join(fixture.submissions, 'evil.txt'))).rejects.toThrow();
    await expect(readFile(path.join(os.tmpdir(), 'evil.txt'))).rejects.toThrow();
  });

  it('prints flag counts and a histogram', () => {
    expect(cliStdout).toMatch(/COPY\s+2/);
    expect(cliStdout).toMatch(/NO_CODE\s+3/);
    expect(cliStdout).toContain('13 students graded');
  });

  it('writes grades.xlsx with the same rows, a styled and frozen header', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(outDir, 'grades.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      'student_id',
      'name',
      'score',
      'max_points',
      'late_days',
      'flags',
      'notes',
    ]);
    expect(ws?.getRow(1).font?.bold).toBe(true);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.rowCount).toBe(14);
    expect(ws?.getRow(4).values).toEqual(expect.arrayContaining(['2019000003', '박지훈', 9, 10, 1, 'LATE']));
  });

  it('writes similarity.csv with every pair and the html with the copy pair highlighted', async () => {
    const pairs: Record<string, string>[] = parse(
      await readFile(path.join(outDir, 'similarity.csv'), 'utf8'),
      { columns: true, bom: true },
    );
    expect(pairs).toHaveLength((9 * 8) / 2);
    expect(pairs[0]).toMatchObject({ student_a: '2019000008', student_b: '2019000009', verdict: 'COPY' });
    const html = await readFile(path.join(outDir, 'similarity.html'), 'utf8');
    expect(html).toContain('2019000008 윤성호 ↔ 2019000009 장미래');
    expect(html).toMatch(/<span style="background:#[0-9a-f]{6}"><span class="ln">/);
  });

  it('writes bilingual feedback for every student', async () => {
    const fb = await readFile(path.join(outDir, 'feedback', '2019000007.md'), 'utf8');
    expect(fb).toContain('점수 Score: 6 / 10');
    expect(fb).toContain('`PORT`');
    expect(fb).toContain('서버 Server: 0 / 4');
    const late = await readFile(path.join(outDir, 'feedback', '2019000003.md'), 'utf8');
    expect(late).toContain('지각 Late: 1 day(s) × 10% → × 0.9 = 9');
    expect(late).toContain(
      '2019-11-01T09:00:00+09:00 (manifest.csv); deadline 2019-10-31T23:59:00+09:00; 1 day(s) late',
    );
    const extended = await readFile(path.join(outDir, 'feedback', '2019000012.md'), 'utf8');
    expect(extended).toContain('deadline 2019-11-03T23:59:00+09:00; 0 day(s) late');
  });

  it('is deterministic: a second run gives a byte-identical grades.csv', async () => {
    const again = path.join(root, 'out2');
    const { io } = captureIo();
    const code = await main(classCheckArgs(fixture, again), io);
    expect(code).toBe(0);
    const [first, second] = await Promise.all(
      [outDir, again].map((d) => readFile(path.join(d, 'grades.csv'))),
    );
    expect(second?.toString('utf8')).toBe(first?.toString('utf8'));
    expect(second?.equals(first as Buffer)).toBe(true);
  }, 300_000);

  it('publishes masked sheets as csv and xlsx', async () => {
    const { io, out } = captureIo();
    const csvOut = path.join(root, 'posted.csv');
    expect(await main(['publish', path.join(outDir, 'grades.csv'), '--out', csvOut], io)).toBe(0);
    expect(out.stdout).toContain('published 13 rows');
    const rows: Record<string, string>[] = parse(await readFile(csvOut, 'utf8'), {
      columns: true,
      bom: true,
    });
    expect(Object.keys(rows[0] ?? {})).toEqual(['student_id', 'name', 'score', 'max_points', 'late_days']);
    expect(rows[7]).toEqual({
      student_id: '2019****08',
      name: '윤*호',
      score: '0',
      max_points: '10',
      late_days: '0',
    });
    const xlsxOut = path.join(root, 'posted.xlsx');
    expect(await main(['publish', path.join(outDir, 'grades.csv'), '--out', xlsxOut], io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxOut);
    const values = wb.worksheets[0]?.getRow(4).values as unknown[];
    expect(values.slice(1)).toEqual(['2019****03', '박*훈', 9, 10, 1]);
    expect(JSON.stringify(wb.worksheets[0]?.getSheetValues())).not.toContain('2019000009');
  });
});

describe('grader bad input', () => {
  it('exits 2 with one line naming the field for an invalid spec', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'grader-bad-'));
    const spec = await writeSpec(dir, testSpec(8080, { points: -3 }));
    const { io, out } = captureIo();
    expect(await main(['check', dir, '--spec', spec], io)).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('GRADER_SPEC_INVALID');
    expect(out.stderr).toContain('points');
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 for a missing submissions folder and a bad roster', async () => {
    const { io, out } = captureIo();
    expect(
      await main(
        ['check', path.join(root, 'nope'), '--spec', fixture.spec, '--out', path.join(root, 'o3')],
        io,
      ),
    ).toBe(2);
    expect(out.stderr).toContain('GRADER_INPUT_MISSING');
    const badRoster = path.join(root, 'bad-roster.csv');
    await writeFile(badRoster, 'student_id,name\n,김\n');
    expect(
      await main(['check', fixture.submissions, '--spec', fixture.spec, '--roster', badRoster], io),
    ).toBe(2);
    expect(out.stderr).toContain('row 2: column student_id');
  });

  it('exits 2 for usage errors and unknown built-in specs', async () => {
    const { io, out } = captureIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(await main(['check', root, '--assignment', 'week99'], io)).toBe(2);
    expect(out.stderr).toContain('week99');
    expect(
      await main(['publish', path.join(outDir, 'grades.csv'), '--out', path.join(root, 'x.pdf')], io),
    ).toBe(2);
  });

  it('without the sandbox, refuses to run servers when the spec port is already taken', async () => {
    const busy = net.createServer();
    const port = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as net.AddressInfo).port)),
    );
    try {
      const graded = gradeClass({
        submissionsDir: fixture.submissions,
        spec: AssignmentSpec.parse(testSpec(port)),
        sandbox: false,
      });
      await expect(graded).rejects.toThrow(
        `port ${port} (the spec's port) is already in use: stop whatever listens on it, or pass --no-run`,
      );
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  it('prints a built-in spec', async () => {
    const { io, out } = captureIo();
    expect(await main(['spec', 'week6'], io)).toBe(0);
    expect(out.stdout).toMatch(/^id:/m);
  });
});
