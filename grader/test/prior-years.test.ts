import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { main } from '../src/cli.js';
import { priorYear } from '../src/prior-years.js';
import { captureIo } from './fixtures/capture-io.js';
import { studentCode, testSpec, writeSpec } from './fixtures/build-class.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('prior');

async function student(root: string, entry: string, code: string): Promise<void> {
  await mkdir(path.join(root, entry), { recursive: true });
  await writeFile(path.join(root, entry, 'server.py'), code);
}

type Row = Record<string, string>;
const csv = async (file: string): Promise<Row[]> =>
  parse(await readFile(file, 'utf8'), { bom: true, columns: true });

interface Run {
  stdout: string;
  grades: Row[];
  clusters: Row[];
  html: string;
}

/**
 * This year: four students with their own servers, one who handed in a 2018 student's server,
 * and three who share one source (two edited it). Last year (the 2018 folder): two students.
 */
describe('grader check --against (prior years) and clusters.csv', () => {
  let classDir = '';
  let priorDir = '';
  let spec = '';
  const check = async (out: string): Promise<Run> => {
    const { io, out: printed } = captureIo();
    const code = await main(
      ['check', classDir, '--spec', spec, '--no-run', '--against', priorDir, '--out', out],
      io,
    );
    expect(printed.stderr).not.toMatch(/GRADER_|error/);
    expect(code).toBe(0);
    return {
      stdout: printed.stdout,
      grades: await csv(path.join(out, 'grades.csv')),
      clusters: await csv(path.join(out, 'clusters.csv')),
      html: await readFile(path.join(out, 'similarity.html'), 'utf8'),
    };
  };
  let first: Run;
  let second: Run;

  beforeAll(async () => {
    const root = tmp();
    classDir = path.join(root, 'class');
    priorDir = path.join(root, '2018', 'week6');
    spec = await writeSpec(root, testSpec(8080));
    await student(priorDir, '2018000007_선배', await studentCode('d-threads.py', 8080));
    await student(priorDir, '2018000008', await studentCode('i-makefile.py', 8080));
    await student(classDir, '2019000001_가', await studentCode('a-loop.py', 8080));
    await student(classDir, '2019000002_나', await studentCode('b-socketserver.py', 8080));
    await student(classDir, '2019000003_다', await studentCode('h-http-server.py', 8080));
    await student(classDir, '2019000004_라', await studentCode('d-threads.py', 8080));
    const shared = await studentCode('g-class.py', 8080);
    await student(classDir, '2019000005_마', shared);
    await student(classDir, '2019000006_바', await studentCode('g-class-renamed.py', 8080));
    await student(classDir, '2019000007_사', `# 내가 직접 작성함\n${shared.replaceAll("'", '"')}`);
    const out = path.join(root, 'out');
    first = await check(out);
    second = await check(out);
  }, 180_000);

  it('flags the copy of a prior submission COPY on the current student only, naming the prior id and year', () => {
    const copier = first.grades.find((r) => r.student_id === '2019000004');
    expect(copier?.flags?.split(';')).toContain('COPY');
    expect(copier?.notes).toContain('copy of 2018000007 of 2018 (prior year)');
    expect(first.grades.map((r) => r.student_id)).toEqual([
      '2019000001',
      '2019000002',
      '2019000003',
      '2019000004',
      '2019000005',
      '2019000006',
      '2019000007',
    ]);
    for (const id of ['2019000001', '2019000002', '2019000003']) {
      expect(first.grades.find((r) => r.student_id === id)?.flags ?? '').not.toMatch(/COPY|REVIEW/);
    }
  });

  it('tokenises the prior corpus once and reuses its index on the second run', () => {
    expect(first.stdout).toContain('prior years 2018: 2 submissions compared (2 tokenised, index written)');
    expect(second.stdout).toMatch(
      /prior years 2018: 2 submissions compared \(index reused from .*prior-index/,
    );
    expect(second.grades).toEqual(first.grades);
  });

  it('groups the three students who share one source into one cluster, listed first', () => {
    const firstCluster = first.clusters.filter((r) => r.cluster === '1');
    expect(firstCluster.map((r) => r.student_id).sort()).toEqual(['2019000005', '2019000006', '2019000007']);
    expect(firstCluster[0]?.members?.split(' ').sort()).toEqual(['2019000005', '2019000006', '2019000007']);
    for (const row of firstCluster) expect(Number(row.max_similarity)).toBeGreaterThanOrEqual(0.5);
    expect(first.clusters.filter((r) => r.cluster === '2').map((r) => r.student_id)).toEqual([
      '2018:2018000007',
      '2019000004',
    ]);
    expect(first.html.indexOf('<h2>Clusters</h2>')).toBeLessThan(first.html.indexOf('class="pair'));
    expect(first.html).toContain('Cluster 1</b>: 3 students');
  });

  it('refuses an --against folder that does not exist, in one line, exit 2', async () => {
    const { io, out } = captureIo();
    const missing = path.join(tmp(), 'no-such-year');
    const code = await main(
      ['check', classDir, '--spec', spec, '--no-run', '--against', missing, '--out', path.join(tmp(), 'o2')],
      io,
    );
    expect(code).toBe(2);
    expect(out.stderr.trim().split('\n').at(-1)).toBe(
      `GRADER_INPUT_MISSING: --against folder ${missing} does not exist: pass an earlier class's submissions folder`,
    );
  });

  it('names the year of a folder from its path', () => {
    expect(priorYear('/data/2018/week6')).toBe('2018');
    expect(priorYear('/data/cn-2017-fall')).toBe('2017');
    expect(priorYear('/data/last-term')).toBe('last-term');
  });
});
