import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from '@jest/globals';
import yauzl from 'yauzl';
import { main } from '../src/cli.js';
import { extractZip } from '../src/submissions/zip-extract.js';
import { captureIo } from './fixtures/capture-io.js';
import { templateFolder } from './fixtures/completed-template.js';
import { GradescopeResults } from './fixtures/gradescope-schema.js';
import { reportPdf } from './fixtures/pdf.js';
import { useTempDir } from './fixtures/temp-dir.js';

const run = promisify(execFile);
const NETLAB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = useTempDir('gradescope');
let zip = '';
let modes = new Map<string, number>();

/** Every entry's name and Unix permission bits. */
function zipModes(file: string): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: false }, (err, z) => {
      if (err || !z) return reject(err);
      const out = new Map<string, number>();
      z.on('entry', (e: yauzl.Entry) => out.set(e.fileName, (e.externalFileAttributes >>> 16) & 0o777));
      z.on('end', () => resolve(out));
      z.on('error', reject);
    });
  });
}

beforeAll(async () => {
  zip = path.join(tmp(), 'autograder.zip');
  const { io, out } = captureIo();
  expect(await main(['gradescope', 'week6', '--out', zip], io)).toBe(0);
  expect(out.stdout).toMatch(/^wrote .*autograder\.zip: setup\.sh, run_autograder and netlab/);
  modes = await zipModes(zip);
}, 120_000);

describe('grader gradescope week6 --out autograder.zip', () => {
  it('puts setup.sh and an executable run_autograder at the root, netlab without its tests beside them', () => {
    expect(modes.get('setup.sh')).toBe(0o755);
    expect(modes.get('run_autograder')).toBe(0o755);
    expect(modes.has('netlab/grader/src/cli.ts')).toBe(true);
    expect(modes.has('netlab/assignments/week6/spec.yaml')).toBe(true);
    expect(modes.has('netlab/pnpm-lock.yaml')).toBe(true);
    expect([...modes.keys()].some((k) => k.includes('/test/') || k.includes('node_modules'))).toBe(false);
  });

  it('run_autograder grades /autograder/submission with netlab’s checks and writes a valid results.json', async () => {
    const root = path.join(tmp(), 'autograder');
    await extractZip(zip, path.join(root, 'source'));
    const setup = path.join(root, 'source', 'setup.sh');
    await run('bash', ['-n', setup]);
    expect(await readFile(setup, 'utf8')).toContain('pnpm install --frozen-lockfile');
    const submission = path.join(root, 'submission');
    await mkdir(submission, { recursive: true });
    await templateFolder(submission, 'week6', true);
    await writeFile(
      path.join(submission, 'CN_6_201702103_김민준.pdf'),
      await reportPdf({ title: '보고서', sections: ['과제 목표', '코드 설명', '실행 결과'], images: 4 }),
    );
    await writeFile(
      path.join(root, 'submission_metadata.json'),
      JSON.stringify({
        id: 123456,
        created_at: '2019-10-31T20:00:00.365935+09:00',
        assignment: { due_date: '2019-10-31T23:59:00.000000+09:00', title: 'Week 6', total_points: '10.0' },
        users: [{ email: 'minjun@example.ac.kr', id: 1234, name: '김민준', sid: '201702103' }],
        previous_submissions: [],
      }),
    );
    // The bundle's own netlab copy has no node_modules here (setup.sh installs them on Gradescope): use this checkout.
    const { stdout } = await run('bash', [path.join(root, 'source', 'run_autograder')], {
      env: { ...process.env, AUTOGRADER_ROOT: root, NETLAB_HOME: NETLAB },
      timeout: 280_000,
    });
    expect(stdout).toMatch(/^score \d+(\.\d+)?; wrote /);
    const results = GradescopeResults.parse(
      JSON.parse(await readFile(path.join(root, 'results', 'results.json'), 'utf8')),
    );
    expect(results.output).toContain('201702103 김민준');
    const byName = new Map((results.tests ?? []).map((t) => [t.name, t]));
    expect([...byName.keys()].slice(0, 5)).toEqual([
      '서버 Server',
      '동시 접속 Concurrency',
      '부하 Load',
      '보고서 Report',
      '코드 Code',
    ]);
    expect(byName.get('보고서 Report')?.status).toBe('passed');
    expect(byName.get('코드 Code')?.status).toBe('passed');
    expect(byName.get('서버 Server')?.score).toBeGreaterThan(0);
    expect(byName.has('지각 Late')).toBe(false);
    const sum = (results.tests ?? []).reduce((t, x) => t + (x.score ?? 0), 0);
    expect(sum).toBeCloseTo(results.score ?? -1, 2);
  }, 300_000);

  it('a submission that cannot be graded still leaves a results.json saying why', async () => {
    const root = path.join(tmp(), 'broken');
    const { io } = captureIo();
    const results = path.join(root, 'results', 'results.json');
    const code = await main(
      ['autograde', path.join(root, 'nope'), '--assignment', 'week6', '--results', results],
      io,
    );
    expect(code).toBe(2);
    const written = GradescopeResults.parse(JSON.parse(await readFile(results, 'utf8')));
    expect(written.score).toBe(0);
    expect(written.output).toContain('submission folder');
  });
});
