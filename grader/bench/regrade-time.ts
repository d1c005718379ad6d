/**
 * Benchmark (not a test): a regrade against a full run, alternating twice. A class of 17 (the CLI test's 13 and four more servers),
 * sandboxed, graded once by `grader check`, then one student regraded with `--only`: both wall times, their
 * ratio (target < 0.25), and whether every other student's rows in grades.csv, checks.csv and similarity.csv
 * came back byte-identical. `--readme` writes the table into README.md's "regrade-time" block.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
/** USER_HZ: what /proc counts CPU time in on Linux. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU seconds (user + system) of the child processes this process has waited for, from /proc/self/stat. */
function childrenCpuSeconds(): number {
  // Fields after the command's closing parenthesis; cutime and cstime are the 14th and 15th of them.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return ticks / CLOCK_TICKS;
}

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
  /** Wall seconds and CPU seconds (user + system of the CLI and every process it waited for). */
  const timed = async (extra: string[]) => {
    const started = performance.now();
    const cpuBefore = childrenCpuSeconds();
    await run(process.execPath, ['--import', 'tsx', BIN, ...args, ...extra], {
      cwd: path.dirname(BIN),
      timeout: 900_000,
    });
    return { wall: (performance.now() - started) / 1000, cpu: childrenCpuSeconds() - cpuBefore };
  };
  type Timed = Awaited<ReturnType<typeof timed>>;
  // Full run and regrade alternate, twice: the shared machine's load drifts, and each pair sees about the same.
  const rounds: { full: Timed; only: Timed; load: number }[] = [];
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
  const sum = (k: 'full' | 'only', of: keyof Timed) => rounds.reduce((t, r) => t + r[k][of], 0);
  const students = 13 + EXTRA.length;
  const lines = [
    benchStamp(
      'pnpm --filter @netlab/grader bench:regrade --readme',
      `A class of ${students} (${students - 4} with a server), sandboxed, default --jobs.`,
    ),
    '',
    `| round | full \`grader check\` | \`--only ${REGRADED}\` | ratio | CPU full | CPU regrade | CPU ratio | load average after |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.full.wall.toFixed(1)} s | ${r.only.wall.toFixed(1)} s | ${(r.only.wall / r.full.wall).toFixed(2)} | ${r.full.cpu.toFixed(1)} s | ${r.only.cpu.toFixed(1)} s | ${(r.only.cpu / r.full.cpu).toFixed(2)} | ${r.load.toFixed(1)} |`,
    ),
    `| both | ${sum('full', 'wall').toFixed(1)} s | ${sum('only', 'wall').toFixed(1)} s | ${(sum('only', 'wall') / sum('full', 'wall')).toFixed(2)} (target < 0.25) | ${sum('full', 'cpu').toFixed(1)} s | ${sum('only', 'cpu').toFixed(1)} s | ${(sum('only', 'cpu') / sum('full', 'cpu')).toFixed(2)} | |`,
    '',
    `Everyone else's rows byte-identical after each regrade: ${[...new Set(same)].join('; ')}.`,
    '',
    "Ratio: the regrade's wall time over the full run's. CPU: user + system seconds of the CLI and every process",
    "it waited for (students' servers, sandboxes, probe agents), from /proc; on a machine whose cores are all busy",
    'the wall-time ratio drifts toward the CPU ratio.',
  ];
  const text = lines.join('\n');
  console.log(text);
  if (process.argv.includes('--readme')) await writeReadmeBlock(README, 'regrade-time', text);
} finally {
  await rm(root, { recursive: true, force: true });
}
