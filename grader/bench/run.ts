#!/usr/bin/env tsx
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareSubmissions, similarityDefaults } from '../src/similarity/index.js';
import { dolosScores } from './dolos-reference.js';
import { labelOf, loadIrPlag, type PlagCase, type Quality, quality, type Scored } from './ir-plag.js';
import { samplePeakRss } from './process-tree-rss.js';
import { fixed, table } from './table.js';

const cut = 0.8;
const floor = 0.5;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const irPlagRoot = join(repoRoot, '..', 'shared', 'corpora', 'ir-plag');

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function scoreCases(cases: readonly PlagCase[], engine: 'netlab' | 'dolos'): Promise<Scored[]> {
  const rows: Scored[] = [];
  for (const plagCase of cases) {
    progress(`IR-Plag ${plagCase.name} with ${engine}`);
    const scores = new Map<string, number>();
    if (engine === 'netlab') {
      for (const pair of await compareSubmissions(plagCase.submissions, { language: 'java' })) {
        scores.set(`${pair.a}\t${pair.b}`, pair.similarity ?? 0);
      }
    } else {
      for (const [key, score] of await dolosScores(plagCase.submissions, 'java')) scores.set(key, score);
    }
    for (const { id } of plagCase.submissions) {
      if (id === plagCase.original) continue;
      const key = id < plagCase.original ? `${id}\t${plagCase.original}` : `${plagCase.original}\t${id}`;
      rows.push({ case: plagCase.name, label: labelOf(id), score: scores.get(key) ?? 0 });
    }
  }
  return rows;
}

function qualityRow(name: string, cases: string, q: Quality): (string | number)[] {
  const r = q.recall;
  return [
    name,
    cases,
    q.pairs,
    fixed(q.precision, 3),
    q.flagged,
    q.falsePositives,
    ...[r.L1, r.L2, r.L3, r.L4, r.L5, r.L6].map((x) => fixed(x)),
    fixed(q.recallL1L2, 3),
    fixed(q.reviewBand, 3),
  ];
}

async function irPlagSection(): Promise<void> {
  const cases = loadIrPlag(irPlagRoot);
  if (cases === undefined) {
    console.log(`IR-Plag: absent (looked in ${irPlagRoot}); quality figures skipped.\n`);
    return;
  }
  const ours = await scoreCases(cases, 'netlab');
  const dolos = await scoreCases(cases, 'dolos');
  const tuned = (row: Scored) => row.case <= 'case-04';
  console.log(
    `IR-Plag: original vs every other file of each case; copy cut ${cut}, review band from ${floor}`,
  );
  console.log(
    table(
      [
        'engine',
        'cases',
        'pairs',
        'P@0.8',
        'FP',
        'L1',
        'L2',
        'L3',
        'L4',
        'L5',
        'L6',
        'L1-L2',
        `copies>=${floor}`,
      ],
      [
        qualityRow('netlab', '1-7', quality(ours, cut, floor)),
        qualityRow('netlab (tuned on)', '1-4', quality(ours.filter(tuned), cut, floor)),
        qualityRow(
          'netlab (held out)',
          '5-7',
          quality(
            ours.filter((r) => !tuned(r)),
            cut,
            floor,
          ),
        ),
        qualityRow('Dolos 3.5.1 defaults', '1-7', quality(dolos, cut, floor)),
        qualityRow(
          'Dolos (held out)',
          '5-7',
          quality(
            dolos.filter((r) => !tuned(r)),
            cut,
            floor,
          ),
        ),
      ],
    ),
  );
  console.log(
    'targets: P@0.8 >= 0.95, L1-L2 recall >= 0.95, copies in or above the review band >= 0.90\n' +
      `netlab settings: strict k=${similarityDefaults.kgramLength}, loose k=${similarityDefaults.looseKgramLength}, ` +
      `loose weight ${similarityDefaults.looseWeight}, window ${similarityDefaults.windowLength}\n`,
  );
}

interface ScaleResult {
  engine: string;
  count: number;
  pairs: number;
  seconds: number;
  peakMb: number;
}

/** One run in its own process so timings and memory do not mix; RSS summed over its process tree. */
function scaleRun(engine: 'netlab' | 'dolos', count: number): Promise<ScaleResult> {
  progress(`${count} generated Python submissions with ${engine}`);
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./scale.ts', import.meta.url)), [engine, String(count)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const rss = samplePeakRss(child.pid ?? process.pid);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const peakMb = rss.stop() / 1024 / 1024;
      if (code !== 0) return reject(new Error(`bench/scale.ts ${engine} ${count} exited with ${code}`));
      resolve({ ...JSON.parse(out.trim().split('\n').at(-1) ?? '{}'), peakMb });
    });
  });
}

async function scaleSection(): Promise<void> {
  const results = [
    await scaleRun('netlab', 300),
    await scaleRun('netlab', 1000),
    await scaleRun('dolos', 300),
  ];
  const targets: Record<number, string> = { 300: '<= 5 s, <= 500 MB', 1000: '<= 30 s, <= 500 MB' };
  console.log(
    'Generated Python class (bench/generate.ts), every pair scored; peak RSS of the whole process tree',
  );
  console.log(
    table(
      ['engine', 'submissions', 'pairs', 'seconds', 'peak MB', 'target'],
      results.map((r) => [
        r.engine,
        r.count,
        r.pairs,
        fixed(r.seconds),
        fixed(r.peakMb, 0),
        r.engine === 'netlab' ? (targets[r.count] ?? '') : 'reference',
      ]),
    ),
  );
  const [ours, , dolos] = results;
  if (ours !== undefined && dolos !== undefined) {
    console.log(
      `300 submissions, Dolos / netlab: time ${fixed(dolos.seconds / ours.seconds)}x, memory ${fixed(dolos.peakMb / ours.peakMb)}x`,
    );
  }
}

await irPlagSection();
await scaleSection();
