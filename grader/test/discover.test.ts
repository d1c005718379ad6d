import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { discoverSubmissions } from '../src/submissions/discover.js';
import { buildZip } from './fixtures/zip.js';

let root: string;
let subs: string;
let work: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'grader-discover-'));
  subs = path.join(root, 'subs');
  work = path.join(root, 'work');
  await mkdir(subs);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(rel: string, data = 'x', mtime?: string) {
  const abs = path.join(subs, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, data);
  if (mtime) await utimes(abs, new Date(mtime), new Date(mtime));
}

describe('discoverSubmissions', () => {
  it('reads folder-per-student layouts with or without a name, NFD names as NFC', async () => {
    await put(`${'2017000001_배준현'.normalize('NFD')}/server.py`);
    await put(`2017000002/src/${'보고서.pdf'.normalize('NFD')}`);
    const { submissions, warnings } = await discoverSubmissions(subs, work);
    expect(submissions.map((s) => [s.studentId, s.name, s.files.map((f) => f.rel)])).toEqual([
      ['2017000001', '배준현', ['server.py']],
      ['2017000002', '', ['src/보고서.pdf']],
    ]);
    expect(warnings).toEqual([]);
  });

  it('extracts a zip per student and reports a refused zip on that student only', async () => {
    await buildZip(path.join(subs, '2017000003_김철수.zip'), [{ name: 'server.py', data: 'print(1)' }]);
    await writeFile(path.join(subs, '2017000004.zip'), 'not a zip at all');
    const { submissions } = await discoverSubmissions(subs, work);
    expect(submissions[0]).toMatchObject({ studentId: '2017000003', name: '김철수' });
    expect(submissions[0]?.files.map((f) => f.rel)).toEqual(['server.py']);
    expect(submissions[1]?.files).toEqual([]);
    expect(submissions[1]?.rejected).toMatch(/^2017000004\.zip: zip is corrupt or unreadable/);
  });

  it('groups flat files by the id in their names and drops the id prefix', async () => {
    await put('2017000005_server.py');
    await put('2017000005_index.html');
    await put('CN_6_2017000005_이영희.pdf');
    await put('readme.txt');
    const { submissions, warnings } = await discoverSubmissions(subs, work);
    expect(submissions.map((s) => s.files.map((f) => f.rel))).toEqual([
      ['CN_6_2017000005_이영희.pdf', 'index.html', 'server.py'],
    ]);
    expect(warnings).toEqual([
      '1 entry matches no known layout (<id>_<name>, Moodle, Canvas, Blackboard, GitHub Classroom) and was not graded, e.g. readme.txt',
    ]);
  });

  it('keeps the latest of two submissions from one student and notes it', async () => {
    await put('2017000006_박/server.py', 'old', '2019-10-01T00:00:00Z');
    await utimes(
      path.join(subs, '2017000006_박'),
      new Date('2019-10-01T00:00:00Z'),
      new Date('2019-10-01T00:00:00Z'),
    );
    const zip = path.join(subs, '2017000006_박.zip');
    await buildZip(zip, [{ name: 'server.py', data: 'new' }]);
    await utimes(zip, new Date('2019-10-02T00:00:00Z'), new Date('2019-10-02T00:00:00Z'));
    const { submissions } = await discoverSubmissions(subs, work);
    expect(submissions).toHaveLength(1);
    expect(submissions[0]?.source).toBe('2017000006_박.zip');
    expect(submissions[0]?.notes).toEqual([
      '2 submissions found (2017000006_박, 2017000006_박.zip); the latest, 2017000006_박.zip, counts',
    ]);
  });

  it('ignores hidden files, macOS metadata and manifest.csv; empty folders still count', async () => {
    await put('manifest.csv', 'student_id,name,submitted_at\n');
    await put('__MACOSX/2017000007/x');
    await put('2017000007/.DS_Store');
    await mkdir(path.join(subs, '2017000008'));
    const { submissions, warnings } = await discoverSubmissions(subs, work);
    expect(submissions.map((s) => [s.studentId, s.files.length])).toEqual([
      ['2017000007', 0],
      ['2017000008', 0],
    ]);
    expect(warnings).toEqual([]);
  });

  it('throws a coded error for a missing folder', async () => {
    await expect(discoverSubmissions(path.join(root, 'nope'), work)).rejects.toMatchObject({
      code: 'GRADER_INPUT_MISSING',
    });
  });
});
