import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ExtensionRow, ManifestRow, RosterRow, readClassCsv } from '../src/submissions/class-csv.js';
import { submissionTime } from '../src/submissions/submission-time.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('csv');

async function csv(name: string, text: string): Promise<string> {
  const file = path.join(tmp(), name);
  await writeFile(file, text);
  return file;
}

describe('class CSV files', () => {
  it('reads a roster with BOM, CRLF, padded headers and NFD names', async () => {
    const file = await csv(
      'roster.csv',
      `\uFEFF Student_ID , name\r\n2017123422,${'배준현'.normalize('NFD')}\r\n2017123423,\r\n`,
    );
    expect(await readClassCsv(file, RosterRow, 'roster')).toEqual([
      { student_id: '2017123422', name: '배준현' },
      { student_id: '2017123423', name: '' },
    ]);
  });

  it('names the file, row and column of a bad manifest time', async () => {
    const file = await csv(
      'manifest.csv',
      'student_id,name,submitted_at\n1,a,2019-10-31T23:59:00+09:00\n2,b,yesterday\n',
    );
    await expect(readClassCsv(file, ManifestRow, 'manifest')).rejects.toThrow(
      /^manifest .*manifest\.csv row 3: column submitted_at must be ISO 8601/,
    );
  });

  it('rejects an extensions file without a deadline column and unparseable CSV', async () => {
    const noColumn = await csv('ext.csv', 'student_id,date\n1,2019-11-01T00:00:00+09:00\n');
    await expect(readClassCsv(noColumn, ExtensionRow, 'extensions')).rejects.toMatchObject({
      code: 'GRADER_CSV_INVALID',
    });
    const broken = await csv('broken.csv', 'student_id,deadline\n"1,2019\n');
    await expect(readClassCsv(broken, ExtensionRow, 'extensions')).rejects.toThrow(/is not valid CSV/);
    await expect(
      readClassCsv(path.join(tmp(), 'none.csv'), ExtensionRow, 'extensions'),
    ).rejects.toMatchObject({
      code: 'GRADER_INPUT_MISSING',
    });
  });
});

describe('submissionTime', () => {
  const mtime = new Date('2019-10-30T00:00:00Z');
  const rows = [
    { student_id: '1', name: '', submitted_at: '2019-10-31T10:00:00+09:00' },
    { student_id: '1', name: '', submitted_at: '2019-11-01T10:00:00+09:00' },
  ];

  it('takes the latest manifest time, else the file time', () => {
    expect(submissionTime('1', rows, { mtime })).toEqual({
      at: new Date('2019-11-01T01:00:00Z'),
      source: 'manifest',
    });
    expect(submissionTime('2', rows, { mtime })).toEqual({ at: mtime, source: 'mtime' });
    expect(submissionTime('1', null, { mtime }).source).toBe('mtime');
  });

  it('prefers the manifest, then the roster, then the layout, then the file time', () => {
    const roster = new Date('2019-10-31T05:00:00Z');
    const layoutTime = { at: new Date('2019-10-31T06:00:00Z'), source: 'Git commit' as const };
    expect(submissionTime('1', rows, { mtime, layoutTime }, roster).source).toBe('manifest');
    expect(submissionTime('2', rows, { mtime, layoutTime }, roster)).toEqual({
      at: roster,
      source: 'Moodle worksheet',
    });
    expect(submissionTime('2', rows, { mtime, layoutTime })).toEqual(layoutTime);
  });
});
