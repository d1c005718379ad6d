import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { AssignmentSpec } from '@netlab/assignments';
import { type ClassResult, gradeClass } from '../src/grade-class.js';
import { readRoster } from '../src/submissions/lms-roster.js';
import { studentCode, testSpec } from './fixtures/build-class.js';
import { freePort } from './fixtures/free-port.js';
import {
  canvasFiles,
  canvasGradebook,
  correctFiles,
  moodleFolders,
  moodleWorksheet,
  plainFolder,
} from './fixtures/lms-downloads.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('lms-class');
const ID = '201702103';
const NAME = '김민준';
const results: Record<'plain' | 'moodle' | 'canvas', ClassResult | undefined> = {
  plain: undefined,
  moodle: undefined,
  canvas: undefined,
};

/** One correct week's submission from 201702103 김민준, downloaded three ways, each graded with its servers run. */
beforeAll(async () => {
  const port = await freePort();
  const spec = AssignmentSpec.parse(testSpec(port));
  const files = await correctFiles(ID, NAME, await studentCode('c-select.py', port));
  const dir = (name: string) => path.join(tmp(), name);
  const grade = async (name: string, roster?: string) =>
    gradeClass({
      submissionsDir: dir(name),
      spec,
      serverRun: { startTimeoutMs: 20_000 },
      ...(roster ? { roster: await readRoster(roster, '+09:00') } : {}),
    });

  await plainFolder(dir('plain'), `${ID}_${NAME}`, files, new Date('2019-10-31T20:00:00+09:00'));
  results.plain = await grade('plain');

  await moodleFolders(dir('moodle'), '김 민준', '1873456', files);
  const worksheet = path.join(tmp(), 'worksheet.csv');
  await writeFile(
    worksheet,
    moodleWorksheet([
      { participant: '1873456', name: NAME, id: ID, submitted: 'Thursday, 31 October 2019, 8:00 PM' },
      { participant: '1873460', name: '이 서연', id: '201702104', submitted: '-' },
    ]),
  );
  results.moodle = await grade('moodle', worksheet);

  // Canvas: the first upload of server.py binds the wrong port; the resubmission (server-1.py) is the one that counts.
  const wrong = await studentCode('f-wrong-port.py', port);
  const entries = Object.entries(files).map(([name, data], i): [number, string, string | Buffer] => [
    4561240 + i,
    name === 'server.py' ? 'server-1.py' : name,
    data,
  ]);
  await canvasFiles(dir('canvas'), { sortable: 'kimminjun', userId: '88123' }, [
    [4561234, 'server.py', wrong],
    ...entries,
  ]);
  const gradebook = path.join(tmp(), 'gradebook.csv');
  await writeFile(gradebook, canvasGradebook([{ name: NAME, userId: '88123', sisId: ID, login: 'minjun' }]));
  results.canvas = await grade('canvas', gradebook);
}, 600_000);

describe('one submission downloaded from Moodle and Canvas grades as the plain folder does', () => {
  const mine = (r: ClassResult | undefined) => r?.students.find((s) => s.studentId === ID);

  it('the plain folder earns full marks', () => {
    expect([mine(results.plain)?.score, mine(results.plain)?.flags]).toEqual([10, []]);
  });

  it.each(['moodle', 'canvas'] as const)('%s: same student, name, score and flags', (lms) => {
    const plain = mine(results.plain);
    const got = mine(results[lms]);
    expect([got?.studentId, got?.name, got?.score, got?.flags, got?.breakdown]).toEqual([
      ID,
      NAME,
      plain?.score,
      plain?.flags,
      plain?.breakdown,
    ]);
    expect(got?.report?.file).toBe(`CN_T_${ID}_${NAME}.pdf`);
    expect(got?.codeFiles).toEqual(['server.py']);
    expect(results[lms]?.unmatched).toBeUndefined();
  });

  it('the worksheet’s other student gets a row; nothing is dropped', () => {
    expect(results.moodle?.students.map((s) => [s.studentId, s.flags.join(';')])).toEqual([
      [ID, ''],
      ['201702104', 'NO_SUBMISSION'],
    ]);
    expect(mine(results.moodle)?.time?.source).toBe('Moodle worksheet');
  });
});
