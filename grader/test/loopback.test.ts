import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AssignmentSpec } from '@netlab/assignments';
import { type ClassResult, gradeClass } from '../src/grade-class.js';
import { testSpec, writeSpec } from './fixtures/build-class.js';
import { reportPdf } from './fixtures/pdf.js';
import { locustUiScreenshot, loopbackRun, netlabReportScreenshot } from './fixtures/screenshots.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'bin', 'grader.ts');
const SECTIONS = ['과제 목표', '코드 설명', '실행 결과'];
const SERVER = "import socket\ns = socket.socket()\ns.bind(('0.0.0.0', 8080))\ns.listen(5)\n";

let root: string;
let specFile: string;
let result: ClassResult;
const screenshots: Record<string, Buffer> = {};

/** A student's folder: a server and a week-6 style report with the given screenshots and text. */
async function student(dir: string, id: string, o: { figures?: Buffer[]; text?: string }) {
  const folder = path.join(dir, `${id}_학생`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'server.py'), `${SERVER}# ${id}\n`);
  const pdf = await reportPdf({ title: `보고서 ${id}`, sections: SECTIONS, images: 1, ...o });
  await writeFile(path.join(folder, `CN_T_${id}_학생.pdf`), pdf);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'grader-loopback-'));
  const shots = path.join(root, 'shots');
  await mkdir(shots);
  const run = await loopbackRun();
  const pictures = {
    locustLocal: await locustUiScreenshot('http://127.0.0.1:8080', shots, 'locust-local'),
    locustRemote: await locustUiScreenshot('http://10.200.1.2:8080', shots, 'locust-remote'),
    netlabLocal: await netlabReportScreenshot(run, shots, 'netlab-local'),
    // The same page as a run against another host would show it: only the target differs.
    netlabRemote: await netlabReportScreenshot(
      { ...run, target: 'http://10.200.1.2:8080' },
      shots,
      'netlab-remote',
    ),
  };
  for (const [name, file] of Object.entries(pictures)) screenshots[name] = await readFile(file);
  const subs = path.join(root, 'submissions');
  await student(subs, '2019000001', { figures: [screenshots.locustLocal as Buffer] });
  await student(subs, '2019000002', { figures: [screenshots.locustRemote as Buffer] });
  await student(subs, '2019000003', { figures: [screenshots.netlabLocal as Buffer] });
  await student(subs, '2019000004', { figures: [screenshots.netlabRemote as Buffer] });
  await student(subs, '2019000005', {
    text: 'locust -f locustfile.py --headless --host http://localhost:8080 -u 50',
  });
  await student(subs, '2019000006', { text: "서버 코드: s.bind(('0.0.0.0', 8080)), HOST = '127.0.0.1'" });
  const rubric = { server: 0.4, report: 0.4, code: 0.2, reportNamePenalty: 0.1, loopbackPenalty: 0.1 };
  const spec = testSpec(8080, { rubric });
  specFile = await writeSpec(root, spec);
  result = await gradeClass({ submissionsDir: subs, spec: AssignmentSpec.parse(spec), runServers: false });
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const graded = (id: string) => {
  const s = result.students.find((x) => x.studentId === id);
  if (!s) throw new Error(`${id} not graded`);
  return s;
};

describe('LOOPBACK: the report shows the load test ran against this machine', () => {
  it.each<[string, string, string]>([
    [
      "a screenshot of Locust's web UI with HOST http://127.0.0.1:8080",
      '2019000001',
      'http://127.0.0.1:8080',
    ],
    ["a screenshot of netlab's report of a run on 127.0.0.1", '2019000003', 'http://127.0.0.1:'],
    ['the command in the text', '2019000005', 'http://localhost:8080'],
  ])('%s → LOOPBACK, the URL and where it was seen in the notes', (_name, id, url) => {
    const s = graded(id);
    expect(s.flags).toContain('LOOPBACK');
    expect(s.report?.loopback?.found?.url).toContain(url);
    expect(s.notes.join('\n')).toContain(`load test against ${url}`);
    expect(s.breakdown.loopbackPenalty).toBe(1);
  });

  it('says where: an image by its number and page, or the text', () => {
    expect(graded('2019000001').report?.loopback?.found?.where).toBe('image 1 on page 1');
    expect(graded('2019000005').report?.loopback?.found?.where).toBe('text');
  });

  it.each<[string, string]>([
    ["a screenshot of Locust's web UI with HOST http://10.200.1.2:8080", '2019000002'],
    ["a screenshot of netlab's report of a run on http://10.200.1.2:8080", '2019000004'],
    ["a server's bind address and HOST constant quoted in the text", '2019000006'],
  ])('%s → no LOOPBACK, no deduction', (_name, id) => {
    const s = graded(id);
    expect(s.flags).not.toContain('LOOPBACK');
    expect(s.breakdown.loopbackPenalty).toBe(0);
  });

  it('read every screenshot: none skipped or failed', () => {
    for (const id of ['2019000002', '2019000004']) {
      const l = graded(id).report?.loopback;
      expect(l).toMatchObject({ found: null, imagesRead: 1, imagesTotal: 1, imageErrors: [] });
      expect(l?.imagesSkipped).toBeUndefined();
    }
  });

  it('without tesseract the summary says the images were not checked, and the student is not silently passed', async () => {
    const out = path.join(root, 'out-no-ocr');
    const subs = path.join(root, 'submissions');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', BIN, 'check', subs, '--spec', specFile, '--out', out, '--no-run'],
      { env: { ...process.env, PATH: path.join(root, 'empty-path') }, timeout: 240_000 },
    );
    expect(stdout).toContain(
      'report images not checked for LOOPBACK, only their text: tesseract is not installed',
    );
    const grades = await readFile(path.join(out, 'grades.csv'), 'utf8');
    const row = grades.split('\r\n').find((l) => l.startsWith('2019000001')) ?? '';
    expect(row).not.toContain('LOOPBACK');
    expect(row).toContain('report images not checked for a loopback target');
    expect(grades.split('\r\n').find((l) => l.startsWith('2019000005'))).toContain('LOOPBACK');
  }, 300_000);
});
