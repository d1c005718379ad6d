import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { main } from '../src/cli.js';
import { studentCode, testSpec, writeSpec } from './fixtures/build-class.js';
import { captureIo } from './fixtures/capture-io.js';
import { GradescopeResults } from './fixtures/gradescope-schema.js';
import { correctFiles, plainFolder } from './fixtures/lms-downloads.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('platforms');
let out = '';
let grades: Record<string, string>[] = [];

beforeAll(async () => {
  const port = 18_080;
  const subs = path.join(tmp(), 'subs');
  const server = await studentCode('c-select.py', port);
  const onTime = new Date('2019-10-31T20:00:00+09:00');
  await plainFolder(subs, '201702103_김민준', await correctFiles('201702103', '김민준', server), onTime);
  const late = await correctFiles('201702104', '이서연', await studentCode('d-threads.py', port));
  const misnamed = Object.fromEntries(
    Object.entries(late).map(([k, v]) => [k.endsWith('.pdf') ? 'report.pdf' : k, v]),
  );
  await plainFolder(subs, '201702104_이서연', misnamed, new Date('2019-11-01T20:00:00+09:00'));
  const spec = await writeSpec(tmp(), testSpec(port));
  out = path.join(tmp(), 'out');
  const { io } = captureIo();
  const args = ['check', subs, '--spec', spec, '--out', out, '--no-run', '--format', 'gradescope'];
  expect(await main(args, io)).toBe(0);
  grades = parse(await readFile(path.join(out, 'grades.csv'), 'utf8'), { columns: true, bom: true });
}, 120_000);

describe('--format gradescope', () => {
  it('writes a results.json per student that holds only documented fields, scored as grades.csv', async () => {
    expect(grades.map((g) => [g.student_id, g.score, g.flags])).toEqual([
      ['201702103', '10', ''],
      ['201702104', '8.1', 'REPORT_NAME;LATE'],
    ]);
    for (const g of grades) {
      const file = path.join(out, 'gradescope', g.student_id as string, 'results.json');
      const results = GradescopeResults.parse(JSON.parse(await readFile(file, 'utf8')));
      expect(results.score).toBe(Number(g.score));
      expect(results.output_format).toBe('md');
      expect(results.output).toContain(`점수 Score: ${g.score} / 10`);
      const sum = (results.tests ?? []).reduce((t, x) => t + (x.score ?? 0), 0);
      expect(sum).toBeCloseTo(Number(g.score), 2);
      for (const t of results.tests ?? [])
        expect(Object.keys(t).sort()).toEqual([
          'max_score',
          'name',
          'output',
          'output_format',
          'score',
          'status',
          'visibility',
        ]);
    }
    const late = GradescopeResults.parse(
      JSON.parse(await readFile(path.join(out, 'gradescope', '201702104', 'results.json'), 'utf8')),
    );
    expect(late.tests?.map((t) => [t.name, t.score, t.max_score, t.status])).toEqual([
      ['서버 Server', 4, 4, 'passed'],
      ['보고서 Report', 4, 4, 'passed'],
      ['코드 Code', 2, 2, 'passed'],
      ['보고서 이름 Report name', -1, 0, 'failed'],
      ['지각 Late', -0.9, 0, 'failed'],
    ]);
  });
});

describe('publish --lms', () => {
  const publish = async (lms: string, column?: string) => {
    const file = path.join(tmp(), `${lms}.csv`);
    const { io, out: o } = captureIo();
    const args = ['publish', path.join(out, 'grades.csv'), '--lms', lms, '--out', file];
    expect(await main(column ? [...args, '--column', column] : args, io)).toBe(0);
    expect(o.stdout).toContain(`for 2 students`);
    return readFile(file, 'utf8');
  };

  it('writes Canvas’s gradebook import: Student,ID,SIS User ID,SIS Login ID,Section,<assignment>', async () => {
    expect(await publish('canvas', 'Week 6 Lab')).toBe(
      '\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,Week 6 Lab\r\n김민준,,201702103,,,10\r\n이서연,,201702104,,,8.1\r\n',
    );
  });

  it('writes Moodle’s grade import: an ID number column and the grade column', async () => {
    expect(await publish('moodle')).toBe('\uFEFFID number,Score\r\n201702103,10\r\n201702104,8.1\r\n');
  });

  it('refuses an unknown LMS and a non-CSV output with exit 2', async () => {
    const { io, out: o } = captureIo();
    const grades = path.join(out, 'grades.csv');
    expect(await main(['publish', grades, '--lms', 'blackboard', '--out', 'x.csv'], io)).toBe(2);
    expect(await main(['publish', grades, '--lms', 'canvas', '--out', 'x.xlsx'], io)).toBe(2);
    expect(o.stderr).toContain('--lms blackboard: use canvas or moodle');
  });
});
