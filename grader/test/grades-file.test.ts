import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { main } from '../src/cli.js';
import { GRADER_ERRORS } from '../src/errors.js';
import { readGradesCsv } from '../src/outputs/grades-file.js';
import { captureIo } from './fixtures/capture-io.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('grades-file');
const HEADER = 'student_id,name,score,max_points,late_days,flags,notes';

async function gradesFile(...lines: string[]): Promise<string> {
  const file = path.join(tmp(), 'grades.csv');
  await writeFile(file, `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`);
  return file;
}

async function publish(file: string, ...extra: string[]) {
  const { io, out } = captureIo();
  const code = await main(['publish', file, '--out', path.join(tmp(), 'posted.xlsx'), ...extra], io);
  return { code, ...out };
}

describe('reading a grades file', () => {
  it('publish of a score written 6점 exits 2 naming the row and column, and writes nothing', async () => {
    const file = await gradesFile('2019000001,김민수,10,10,0,,', '2019000002,이서연,6점,10,0,,');
    const r = await publish(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'GRADER_GRADES_INVALID: grades.csv row 3 (student 2019000002), column score: "6점" is not a number (write 6, not 6점) — fix the cell or rerun grader check\n',
    );
    await expect(readFile(path.join(tmp(), 'posted.xlsx'))).rejects.toThrow();
  });

  it('an unknown flag, a fractional late_days and a missing column are each exit 2 naming the column', async () => {
    expect((await publish(await gradesFile('2019000001,김민수,10,10,0,LATE;SLOPPY,'))).stderr).toMatch(
      /row 2 \(student 2019000001\), column flags: "LATE;SLOPPY" holds an unknown flag/,
    );
    expect((await publish(await gradesFile('2019000001,김민수,10,10,1.5,,'))).stderr).toContain(
      'column late_days: "1.5" is not a whole number of days',
    );
    const file = path.join(tmp(), 'short.csv');
    await writeFile(file, 'student_id,name,score\n2019000001,김,3\n');
    const r = await publish(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('short.csv row 1 (header): column(s) max_points, late_days, flags missing');
  });

  it('reads back what grader check writes: numbers stay text, notes optional', async () => {
    const rows = await readGradesCsv(await gradesFile('2019000001,김민수,7.25,10,2,LATE;REVIEW,"a, b"'));
    expect(rows).toEqual([
      {
        student_id: '2019000001',
        name: '김민수',
        score: '7.25',
        max_points: '10',
        late_days: '2',
        flags: 'LATE;REVIEW',
        notes: 'a, b',
      },
    ]);
  });
});

describe('the published sheet', () => {
  it('leaves flags and notes out unless --with-flags, says so on stdout and in the sheet, never NaN', async () => {
    const file = await gradesFile('2019000008,윤성호,0,10,0,COPY,copy of 2019000009 (91% similar)');
    const plain = await publish(file);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('flags and notes left out');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp(), 'posted.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      'student_id',
      'name',
      'score',
      'max_points',
      'late_days',
    ]);
    expect(String(ws?.getCell(1, 1).note)).toContain('--with-flags');
    expect(ws?.getRow(2).values).toEqual([undefined, '2019****08', '윤*호', 0, 10, 0]);
    const raw = await readFile(path.join(tmp(), 'posted.xlsx'));
    expect(raw.includes('NaN')).toBe(false);

    const flagged = await publish(file, '--with-flags');
    expect(flagged.stdout).toContain('flags and notes included');
    await wb.xlsx.readFile(path.join(tmp(), 'posted.xlsx'));
    expect(wb.worksheets[0]?.getRow(2).values).toEqual([
      undefined,
      '2019****08',
      '윤*호',
      0,
      10,
      0,
      'COPY',
      'copy of 2019****09 (91% similar)',
    ]);
  });
});

describe('error catalogue', () => {
  it('the README lists every code with its exit status and meaning', async () => {
    const readme = await readFile(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    for (const [code, { exit, meaning }] of Object.entries(GRADER_ERRORS))
      expect(readme).toContain(`| \`${code}\` | ${exit} | ${meaning} |`);
  });
});
