/**
 * Benchmark (not a test): a regrade against a full run, alternating twice. A class of 17 (the CLI test's 13 and four more servers),
 * sandboxed, graded once by `grader check`, then one student regraded with `--only`: both wall times, their
 * ratio (target < 0.25), and whether every other student's rows in grades.csv, checks.csv and similarity.csv
 * came back byte-identical. `--readme` writes the table into README.md's "regrade-time" block.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchStamp, writeReadmeBlock } from '@netlab/kit';
import { buildClass, studentCode } from '../test/fixtures/build-class.js';
import { freePort } from '../test/fixtures/free-port.js';
import { reportPdf } from '../test/fixtures/pdf.js';

const run = promisify(execFile);
const BIN = new URL('../src/bin/grader.ts', import.meta.url).pathname;
const README = new URL('../README.md', import.meta.url).pathname;
const EXTRA = [
  ['2019000014', '서지호', 'b-socketserver.py'],
  ['2019000015', '문하은', 'd-threads.py'],
  ['2019000016', '신우진', 'h-http-server.py'],
  ['2019000017', '권나래', 'c-select.py'],
] as const;
const REGRADED = '2019000003';

const root = await mkdtemp(path.join(os.tmpdir(), 'grader-regrade-time-'));
try {
  const port = await freePort();
  const fixture = await buildClass(root, port);
  for (const [id, name, code] of EXTRA) {
    const dir = path.join(fixture.submissions, `${id}_${name}`);
    await mkdir(dir);
    await writeFile(path.join(dir, 'server.py'), `# ${name}\n${await studentCode(code, port)}`);
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><body><h1>실습</h1></body></html>\n');
    const sections = ['과제 목표', '코드 설명', '실행 결과'];
    await writeFile(
      path.join(dir, `CN_T_${id}_${name}.pdf`),
      await reportPdf({ title: id, sections, images: 1 }),
    );
  }
  const out = path.join(root, 'out');
  const args = [
    'check',
    fixture.submissions,
    '--spec',
    fixture.spec,
    '--roster',
    fixture.roster,
    '--out',
    out,
  ];
  const timed = async (extra: string[]) => {
    const started = performance.now();
    await run(process.execPath, ['--import', 'tsx', BIN, ...args, ...extra], {
      cwd: path.dirname(BIN),
      timeout: 900_000,
    });
    return (performance.now() - started) / 1000;
  };
  // Full run and regrade alternate, twice: the shared machine's load drifts, and each pair sees about the same.
  const rounds: { full: number; only: number; load: number }[] = [];
  const same: string[] = [];
  for (let round = 0; round < 2; round++) {
    const full = await timed([]);
    const before = path.join(root, `before-${round}`);
    await cp(out, before, { recursive: true });
    const only = await timed(['--only', REGRADED]);
    rounds.push({ full, only, load: os.loadavg()[0]! });
    for (const file of ['grades.csv', 'checks.csv', 'similarity.csv']) {
      const others = async (dir: string) =>
        (await readFile(path.join(dir, file), 'utf8')).split('\r\n').filter((l) => !l.includes(REGRADED));
      const [a, b] = [await others(before), await others(out)];
      same.push(`${file} ${JSON.stringify(a) === JSON.stringify(b) ? 'yes' : 'NO'} (${a.length - 1} rows)`);
    }
  }
  const sum = (k: 'full' | 'only') => rounds.reduce((t, r) => t + r[k], 0);
  const students = 13 + EXTRA.length;
  const lines = [
    benchStamp(
      'pnpm --filter @netlab/grader bench:regrade --readme',
      `A class of ${students} (${students - 4} with a server), sandboxed, default --jobs.`,
    ),
    '',
    `| round | full \`grader check\` | \`--only ${REGRADED}\` | ratio | load average after |`,
    '|---:|---:|---:|---:|---:|',
    ...rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.full.toFixed(1)} s | ${r.only.toFixed(1)} s | ${(r.only / r.full).toFixed(2)} | ${r.load.toFixed(1)} |`,
    ),
    `| both | ${sum('full').toFixed(1)} s | ${sum('only').toFixed(1)} s | ${(sum('only') / sum('full')).toFixed(2)} (target < 0.25) | |`,
    '',
    `Everyone else's rows byte-identical after each regrade: ${[...new Set(same)].join('; ')}.`,
  ];
  const text = lines.join('\n');
  console.log(text);
  if (process.argv.includes('--readme')) await writeReadmeBlock(README, 'regrade-time', text);
} finally {
  await rm(root, { recursive: true, force: true });
}
