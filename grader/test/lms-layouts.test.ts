import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AssignmentSpec } from '@netlab/assignments';
import { gradeClass } from '../src/grade-class.js';
import { terminalSummary } from '../src/outputs/summary.js';
import { discoverSubmissions } from '../src/submissions/discover.js';
import {
  blackboardFile,
  canvasFile,
  canvasResubmission,
  githubSlug,
  githubUser,
  moodleFile,
  moodleFolder,
} from '../src/submissions/lms-names.js';
import { readRoster } from '../src/submissions/lms-roster.js';
import { dashedTime, moodleTime } from '../src/submissions/local-time.js';
import { testSpec } from './fixtures/build-class.js';
import {
  blackboardAttempt,
  canvasFiles,
  canvasGradebook,
  githubRepo,
  moodleFolders,
  moodleWorksheet,
  nfd,
  put,
} from './fixtures/lms-downloads.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('lms');
const spec = AssignmentSpec.parse(testSpec(1));
const KST = '+09:00';
let n = 0;
const fresh = async () => {
  const dir = path.join(tmp(), `case-${++n}`);
  await mkdir(dir, { recursive: true });
  return dir;
};
const grade = async (dir: string, roster?: string) =>
  gradeClass({
    submissionsDir: dir,
    spec,
    runServers: false,
    ...(roster ? { roster: await readRoster(roster, KST) } : {}),
  });

describe('LMS entry names', () => {
  it('reads the Moodle folder and flat forms', () => {
    expect(moodleFolder('김 민준_1873456_assignsubmission_file_')).toEqual({
      system: 'moodle',
      id: '1873456',
      name: '김 민준',
      plugin: 'file',
    });
    expect(moodleFolder('김 민준_1873456_assignsubmission_onlinetext_')?.plugin).toBe('onlinetext');
    expect(moodleFile('김 민준_1873456_assignsubmission_file_CN_6_201702103_김민준.pdf')).toMatchObject({
      id: '1873456',
      original: 'CN_6_201702103_김민준.pdf',
    });
    expect(moodleFolder('201702103_김민준')).toBeNull();
  });

  it('reads Canvas names, its LATE marker and resubmission numbers, not a student’s own CN_6_… file', () => {
    expect(canvasFile('kimminjun_88123_4561234_CN_6_201702103_김민준.pdf')).toEqual({
      system: 'canvas',
      id: '88123',
      name: 'kimminjun',
      late: false,
      attachmentId: '4561234',
      original: 'CN_6_201702103_김민준.pdf',
    });
    expect(canvasFile('kimminjun_LATE_88123_4561235_select_server.py')).toMatchObject({
      late: true,
      id: '88123',
      original: 'select_server.py',
    });
    expect(canvasFile('kimminjun_88123_text.html')).toMatchObject({ id: '88123', original: 'text.html' });
    expect(canvasFile('CN_6_2017000005_이영희.pdf')).toBeNull();
    expect(canvasFile('2017000005_server.py')).toBeNull();
    expect(canvasResubmission('select_server-2.py')).toEqual({ base: 'select_server.py', n: 2 });
    expect(canvasResubmission('report.tar-1.gz')).toEqual({ base: 'report.tar.gz', n: 1 });
    expect(canvasResubmission('server.py')).toEqual({ base: 'server.py', n: 0 });
  });

  it('reads Blackboard attempts and receipts, GitHub Classroom repositories', () => {
    expect(blackboardFile('Week 6_kimmj_attempt_2019-10-31-23-59-00_CN_6_201702103_김민준.pdf')).toEqual({
      system: 'blackboard',
      id: 'kimmj',
      name: '',
      attempt: '2019-10-31-23-59-00',
      receipt: false,
      original: 'CN_6_201702103_김민준.pdf',
    });
    expect(blackboardFile('Week 6_kimmj_attempt_2019-10-31-23-59-00.txt')?.receipt).toBe(true);
    expect(githubSlug('week6-submissions', ['week6-minjun-kim'])).toBe('week6');
    expect(githubSlug('clones', ['net-week6-a-b', 'net-week6-cd'])).toBe('net-week6');
    expect(githubUser('week6-minjun-kim', 'week6')).toBe('minjun-kim');
  });

  it('reads offset-less LMS times in the course offset', () => {
    expect(dashedTime('2019-11-01-09-00-00', KST)).toEqual(new Date('2019-11-01T00:00:00Z'));
    expect(moodleTime('Thursday, 31 October 2019, 11:59 PM', KST)).toEqual(new Date('2019-10-31T14:59:00Z'));
    expect(moodleTime('Friday, 1 November 2019, 12:05 AM', KST)).toEqual(new Date('2019-10-31T15:05:00Z'));
    expect(moodleTime('-', KST)).toBeNull();
  });
});

describe('rosters from LMS exports', () => {
  it('tells the Moodle worksheet, Canvas export, GitHub Classroom roster and plain roster apart', async () => {
    const dir = await fresh();
    const moodle = path.join(dir, 'moodle.csv');
    await writeFile(
      moodle,
      moodleWorksheet([
        {
          participant: '1873456',
          name: '김 민준',
          id: '201702103',
          submitted: 'Thursday, 31 October 2019, 8:00 PM',
        },
        { participant: '1873457', name: '이 서연', id: '', submitted: '-' },
      ]),
    );
    const m = await readRoster(moodle, KST);
    expect(m.format).toBe('moodle');
    expect(m.rows).toEqual([{ student_id: '201702103', name: '김 민준' }]);
    expect(m.lmsIds.get('moodle:1873456')).toBe('201702103');
    expect(m.times.get('201702103')).toEqual(new Date('2019-10-31T11:00:00Z'));
    expect(m.warnings[0]).toMatch(/row 3: 1873457 has no ID number/);
    const canvas = path.join(dir, 'canvas.csv');
    await writeFile(
      canvas,
      canvasGradebook([{ name: '김민준', userId: '88123', sisId: '201702103', login: 'minjun' }]),
    );
    const c = await readRoster(canvas, KST);
    expect([c.format, c.rows, c.lmsIds.get('canvas:88123')]).toEqual([
      'canvas',
      [{ student_id: '201702103', name: '김민준' }],
      '201702103',
    ]);
    const gh = path.join(dir, 'classroom_roster.csv');
    await writeFile(gh, 'identifier,github_username,github_id,name\n201702106,Jihoon-Park,5501,박지훈\n');
    expect((await readRoster(gh, KST)).lmsIds.get('github:jihoon-park')).toBe('201702106');
    const plain = path.join(dir, 'roster.csv');
    await writeFile(plain, 'student_id,name\n201702103,김민준\n');
    expect((await readRoster(plain, KST)).format).toBe('plain');
  });
});

describe('LMS downloads graded', () => {
  it('a Canvas _LATE_ file is LATE by its time; an unmarked one is not late by its file time alone', async () => {
    const dir = await fresh();
    const late = new Date('2019-11-02T12:00:00+09:00');
    await canvasFiles(dir, { sortable: '이서연', userId: '88124', late: true }, [
      [4561240, 'server.py', 'print(1)\n', late],
    ]);
    await canvasFiles(dir, { sortable: 'kimminjun', userId: '88123' }, [
      [4561234, 'server.py', 'print(0)\n', new Date('2019-11-20T10:00:00+09:00')],
      [4561239, 'server-1.py', 'print(2)\n', new Date('2019-11-20T10:00:00+09:00')],
    ]);
    const roster = path.join(dir, '..', `canvas-${n}.csv`);
    await writeFile(
      roster,
      canvasGradebook([
        { name: '이서연', userId: '88124', sisId: '201702104', login: 'seoyeon' },
        { name: '김민준', userId: '88123', sisId: '201702103', login: 'minjun' },
      ]),
    );
    const result = await grade(dir, roster);
    const [kim, lee] = result.students;
    expect([lee?.studentId, lee?.name, lee?.lateDays, lee?.flags]).toEqual([
      '201702104',
      '이서연',
      2,
      ['NO_REPORT', 'LATE'],
    ]);
    expect(lee?.notes).toContain('Canvas marks this submission LATE');
    expect(lee?.time?.source).toBe('mtime');
    expect([kim?.studentId, kim?.lateDays, kim?.codeFiles]).toEqual(['201702103', 0, ['server.py']]);
    expect(kim?.notes.join(' / ')).toContain(
      'Canvas resubmission: kimminjun_88123_4561239_server-1.py counts as server.py; not graded: kimminjun_88123_4561234_server.py',
    );
    expect(kim?.notes.join(' / ')).toMatch(/after the deadline but Canvas does not mark the submission LATE/);
  });

  it('the second Blackboard attempt counts and its time makes it LATE; an unknown username is graded and listed', async () => {
    const dir = await fresh();
    await blackboardAttempt(dir, 'Week 6', '201702105', '2019-10-31-20-00-00', { 'server.py': 'print(1)\n' });
    await blackboardAttempt(dir, 'Week 6', '201702105', '2019-11-01-09-00-00', { 'server.py': 'print(2)\n' });
    await blackboardAttempt(dir, 'Week 6', 'choiyj', '2019-10-30-10-00-00', { 'server.py': 'print(3)\n' });
    const roster = path.join(dir, '..', `plain-${n}.csv`);
    await writeFile(roster, 'student_id,name\n201702105,박지훈\n201702107,정하늘\n');
    const result = await grade(dir, roster);
    expect(result.students.map((s) => [s.studentId, s.lateDays, s.flags.join(';')])).toEqual([
      ['201702105', 1, 'NO_REPORT;LATE'],
      ['201702107', 0, 'NO_SUBMISSION'],
      ['choiyj', 0, 'NO_REPORT'],
    ]);
    const park = result.students[0];
    expect(park?.time).toEqual({ at: new Date('2019-11-01T00:00:00Z'), source: 'Blackboard attempt' });
    expect(park?.notes).toContain(
      '2 Blackboard attempts (2019-10-31-20-00-00, 2019-11-01-09-00-00); the latest, 2019-11-01-09-00-00, counts',
    );
    expect(result.students[2]?.notes[0]).toBe(
      'Blackboard user choiyj is not on the roster: graded under that id',
    );
    expect(result.unmatched).toEqual(['Blackboard user choiyj is not on the roster: graded under that id']);
    const summary = terminalSummary(result);
    expect(summary).toContain('LMS ids not on the roster (graded under that id):\n  Blackboard user choiyj');
    expect(summary).toMatch(/submission times from:\n\s+Blackboard attempt\s+201702105, choiyj/);
  });

  it('a GitHub Classroom commit after the deadline makes LATE by the commit time, whatever the file times', async () => {
    const root = await fresh();
    const dir = path.join(root, 'week6-submissions');
    await githubRepo(dir, 'week6-Jihoon-Park', [
      { at: '2019-10-30T10:00:00+09:00', files: { 'server.py': 'print(1)\n' } },
      { at: '2019-11-03T10:00:00+09:00', files: { 'server.py': 'print(2)\n' } },
    ]);
    await githubRepo(dir, 'week6-seoyeon', [
      { at: '2019-10-31T22:00:00+09:00', files: { 'server.py': 'print(3)\n' } },
    ]);
    const roster = path.join(root, 'classroom_roster.csv');
    await writeFile(
      roster,
      'identifier,github_username,github_id,name\n201702106,jihoon-park,5501,박지훈\n201702104,seoyeon,5502,이서연\n',
    );
    const result = await grade(dir, roster);
    expect(result.students.map((s) => [s.studentId, s.name, s.lateDays, s.time?.source])).toEqual([
      ['201702104', '이서연', 0, 'Git commit'],
      ['201702106', '박지훈', 3, 'Git commit'],
    ]);
    expect(result.students[1]?.codeFiles).toEqual(['server.py']);
  });

  it('Moodle folders with the worksheet: its time decides, names come from the roster, one unknown layout warned once', async () => {
    const dir = await fresh();
    await moodleFolders(dir, '김 민준', '1873456', { 'server.py': 'print(1)\n' });
    await put(
      path.join(dir, nfd('이 서연_1873457_assignsubmission_file_'), 'server.py'),
      'print(2)\n',
      new Date('2019-10-31T10:00:00+09:00'),
    );
    await put(path.join(dir, 'notes from TA.txt'), 'x');
    await put(path.join(dir, 'grading worksheet.xlsx'), 'x');
    const roster = path.join(dir, '..', `moodle-${n}.csv`);
    await writeFile(
      roster,
      moodleWorksheet([
        {
          participant: '1873456',
          name: '김민준',
          id: '201702103',
          submitted: 'Saturday, 2 November 2019, 9:30 AM',
        },
      ]),
    );
    const result = await grade(dir, roster);
    expect(result.students.map((s) => [s.studentId, s.name, s.lateDays, s.time?.source])).toEqual([
      ['1873457', '이 서연', 0, 'mtime'],
      ['201702103', '김민준', 2, 'Moodle worksheet'],
    ]);
    expect(result.students[1]?.codeFiles).toEqual(['server.py']);
    expect(result.warnings).toContain(
      '2 entries match no known layout (<id>_<name>, Moodle, Canvas, Blackboard, GitHub Classroom) and were not graded, e.g. grading worksheet.xlsx',
    );
    expect(result.unmatched).toEqual([
      'Moodle participant 1873457 (이 서연) is not on the roster: graded under that id',
    ]);
  });
});

describe('discoverSubmissions with LMS layouts', () => {
  it('strips the prefixes and keeps the original names in the notes', async () => {
    const dir = await fresh();
    await put(path.join(dir, nfd('김 민준_1873456_assignsubmission_file_CN_6_201702103_김민준.pdf')), 'pdf');
    const { submissions } = await discoverSubmissions(dir, path.join(dir, '..', `work-${n}`));
    expect(submissions[0]?.files.map((f) => f.rel)).toEqual(['CN_6_201702103_김민준.pdf']);
    expect(submissions[0]?.notes).toContain(
      'Moodle names: 김 민준_1873456_assignsubmission_file_CN_6_201702103_김민준.pdf → CN_6_201702103_김민준.pdf',
    );
  });
});
