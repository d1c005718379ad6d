/**
 * Benchmark (not a test): grading time of the week-6 class of six servers (select, blocking, join(), slow select,
 * hostile thread-per-client, thread-per-client) with the concurrency and load blocks, sandboxed, run by the CLI
 * with --jobs 1 and --jobs 2: wall time per class and per student, the --jobs 2 / --jobs 1 ratio (target ≤ 0.75),
 * and whether both gave the same flags. `--readme` writes the table into README.md's "class-time" block.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchStamp, writeReadmeBlock } from '@netlab/kit';
import { parse } from 'csv-parse/sync';
import {
  buildConcurrencyClass,
  CONCURRENCY_CLASS,
  classCheckArgs,
} from '../test/fixtures/build-concurrency-class.js';

const run = promisify(execFile);
const BIN = new URL('../src/bin/grader.ts', import.meta.url).pathname;
const README = new URL('../README.md', import.meta.url).pathname;

const root = await mkdtemp(path.join(os.tmpdir(), 'grader-class-time-'));
const listener = net.createServer((s) => s.destroy());
await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
try {
  const hostPort = (listener.address() as net.AddressInfo).port;
  const fixture = await buildConcurrencyClass(root, { entry: 'server.py', hostPort, marker: 'class-time' });
  const flagsByJobs = new Map<number, string>();
  const seconds = new Map<number, number>();
  for (const jobs of [1, 2]) {
    const out = path.join(root, `out-${jobs}`);
    const started = performance.now();
    await run(process.execPath, ['--import', 'tsx', BIN, ...classCheckArgs(fixture, out, jobs)], {
      cwd: path.dirname(BIN),
      timeout: 600_000,
    });
    seconds.set(jobs, (performance.now() - started) / 1000);
    const rows = parse(await readFile(path.join(out, 'grades.csv'), 'utf8'), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    flagsByJobs.set(jobs, rows.map((r) => `${r.student_id}:${r.flags}`).join(' '));
  }
  const n = CONCURRENCY_CLASS.length;
  const [one, two] = [seconds.get(1)!, seconds.get(2)!];
  const lines = [
    benchStamp(
      'pnpm --filter @netlab/grader bench:class --readme',
      `The week-6 class of ${n} servers, sandboxed, with the concurrency and load blocks (20 users, 2 s).`,
    ),
    '',
    '| --jobs | class wall time | per student | ratio to --jobs 1 |',
    '|---:|---:|---:|---:|',
    `| 1 | ${one.toFixed(1)} s | ${(one / n).toFixed(1)} s | 1.00 |`,
    `| 2 | ${two.toFixed(1)} s | ${(two / n).toFixed(1)} s | ${(two / one).toFixed(2)} (target ≤ 0.75) |`,
    '',
    `Same flags with --jobs 1 and 2: ${flagsByJobs.get(1) === flagsByJobs.get(2) ? 'yes' : `NO (${flagsByJobs.get(1)} / ${flagsByJobs.get(2)})`} — ${flagsByJobs.get(1)}.`,
  ];
  const output = lines.join('\n');
  console.log(output);
  if (process.argv.includes('--readme')) await writeReadmeBlock(README, 'class-time', output);
} finally {
  listener.close();
  await rm(root, { recursive: true, force: true });
}
