#!/usr/bin/env tsx
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchStamp, writeReadmeBlock } from '@netlab/kit';
import {
  compareSubmissions,
  type SimilarityOptions,
  type SourceFile,
  type Submission,
} from '../src/similarity/index.js';
import { dolosScores } from './dolos-reference.js';
import { labelOf, loadIrPlag, type PlagCase, type Quality, quality, type Scored } from './ir-plag.js';
import { samplePeakRss } from './process-tree-rss.js';
import { fixed, markdownTable } from './table.js';
import { generateTemplateClass, week6Template } from './template-class.js';

const cut = 0.8;
const floor = 0.5;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The corpora folder sits beside the checkout (`/work/shared` for `/work/main`), or two up from a worktree. */
const irPlagRoot =
  [join(repoRoot, '..', 'shared'), join(repoRoot, '..', '..', 'shared')]
    .map((shared) => join(shared, 'corpora', 'ir-plag'))
    .find((dir) => existsSync(dir)) ?? join(repoRoot, '..', 'shared', 'corpora', 'ir-plag');
const README = fileURLToPath(new URL('../src/similarity/README.md', import.meta.url));

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** The engine without the class-relative rules: every pair judged on its own. */
const pairwise = { commonCodeShare: 1, rarityWeight: 0, reviewRarityWeight: 0 } as const;

type Engine = { name: string; options?: Partial<SimilarityOptions> } | { name: string; dolos: true };

const engines = {
  before: { name: 'netlab, pairwise (class rules off)', options: pairwise },
  commonOnly: {
    name: 'netlab, commonCodeShare only',
    options: { rarityWeight: 0, reviewRarityWeight: 0 },
  },
  netlab: { name: 'netlab (defaults)', options: {} },
  dolos: { name: 'Dolos 3.5.1 defaults', dolos: true },
} satisfies Record<string, Engine>;

async function scores(
  engine: Engine,
  submissions: Submission[],
  language: 'python' | 'java',
  template: SourceFile[],
): Promise<Map<string, number>> {
  if ('dolos' in engine) return dolosScores(submissions, language, template);
  const out = new Map<string, number>();
  const pairs = await compareSubmissions(submissions, { language, template, ...engine.options });
  for (const pair of pairs) out.set(`${pair.a}\t${pair.b}`, pair.similarity ?? 0);
  return out;
}

async function scoreCases(cases: readonly PlagCase[], engine: Engine): Promise<Scored[]> {
  const rows: Scored[] = [];
  for (const plagCase of cases) {
    progress(`IR-Plag ${plagCase.name} with ${engine.name}`);
    const scored = await scores(engine, plagCase.submissions, 'java', []);
    for (const { id } of plagCase.submissions) {
      if (id === plagCase.original) continue;
      const key = id < plagCase.original ? `${id}\t${plagCase.original}` : `${plagCase.original}\t${id}`;
      rows.push({ case: plagCase.name, label: labelOf(id), score: scored.get(key) ?? 0 });
    }
  }
  return rows;
}

const HEADER = [
  'engine',
  'set',
  'pairs',
  `P@${floor}`,
  `N in ${floor}–${cut}`,
  `copies ≥ ${floor}`,
  `P@${cut}`,
  'FP',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'L6',
  'L1–L2',
];

function qualityRow(name: string, set: string, q: Quality): (string | number)[] {
  const r = q.recall;
  return [
    name,
    set,
    q.pairs,
    fixed(q.precisionAtFloor, 3),
    q.independentInBand,
    fixed(q.copiesFromFloor, 3),
    fixed(q.precision, 3),
    q.falsePositives,
    ...[r.L1, r.L2, r.L3, r.L4, r.L5, r.L6].map((x) => fixed(x)),
    fixed(q.recallL1L2, 3),
  ];
}

async function irPlagSection(): Promise<string> {
  const cases = loadIrPlag(irPlagRoot);
  if (cases === undefined) return `IR-Plag: absent (looked in ${irPlagRoot}); its figures are skipped.`;
  const tuned = (row: Scored) => row.case <= 'case-04';
  const rows: (string | number)[][] = [];
  for (const engine of [engines.before, engines.netlab, engines.dolos]) {
    const scored = await scoreCases(cases, engine);
    rows.push(qualityRow(engine.name, 'cases 1–7', quality(scored, cut, floor)));
    if (engine === engines.before) {
      rows.push(
        qualityRow(
          engine.name,
          'held out 5–7',
          quality(
            scored.filter((r) => !tuned(r)),
            cut,
            floor,
          ),
        ),
      );
    }
  }
  return [
    `**IR-Plag** (7 Java tasks; the original against each of its 355 copies at levels L1–L6 and 105 independent solutions). Each case is three-quarters copies of one file, so it is no class: the class-relative rules read the original as the handout, and the pairwise engine is the one to judge here.`,
    '',
    markdownTable(HEADER, rows),
  ].join('\n');
}

async function templateClassRows(
  seeds: readonly number[],
  set: string,
  template: SourceFile[],
  list: readonly Engine[],
): Promise<{ rows: (string | number)[][]; band: Map<string, number> }> {
  const rows: (string | number)[][] = [];
  const band = new Map<string, number>();
  for (const engine of list) {
    const scored: Scored[] = [];
    for (const seed of seeds) {
      progress(`generated week-6 class ${seed} with ${engine.name}${template.length ? '' : ', no template'}`);
      const generated = generateTemplateClass(seed);
      const pairScores = await scores(engine, generated.submissions, 'python', template);
      for (const [key, label] of generated.labels) {
        scored.push({ case: String(seed), label, score: pairScores.get(key) ?? 0 });
      }
    }
    const q = quality(scored, cut, floor);
    band.set(engine.name, q.independentInBand);
    rows.push(qualityRow(engine.name, set, q));
  }
  return { rows, band };
}

async function templateClassSection(): Promise<string> {
  const all = [engines.before, engines.commonOnly, engines.netlab, engines.dolos];
  const tunedOn = await templateClassRows([1, 2, 3, 4, 5], 'classes 1–5 (tuned on)', week6Template, all);
  const heldOut = await templateClassRows([6, 7, 8, 9, 10], 'classes 6–10 (held out)', week6Template, all);
  const forgotten = await templateClassRows(
    [6, 7, 8, 9, 10],
    'classes 6–10, no template',
    [],
    [engines.before, engines.netlab, engines.dolos],
  );
  const fall = (band: Map<string, number>) =>
    `${band.get(engines.before.name)} → ${band.get(engines.netlab.name)} (${fixed((band.get(engines.before.name) ?? 0) / Math.max(1, band.get(engines.netlab.name) ?? 0), 1)}×)`;
  return [
    '**Generated week-6 classes** (`bench/template-class.ts`: 40 students on the week-6 handout — 12 originals, 14 copies of them at L1–L5, 14 more independent solutions; 780 pairs a class, 5 classes a row; a pair of two copies of one original counts as a copy at the higher level).',
    '',
    markdownTable(
      HEADER.slice(0, 13),
      [...tunedOn.rows, ...heldOut.rows, ...forgotten.rows].map((r) => r.slice(0, 13)),
    ),
    '',
    `Independent pairs in the review band, class rules off → defaults: tuned-on ${fall(tunedOn.band)}, held out ${fall(heldOut.band)}, held out without the template ${fall(forgotten.band)}.`,
  ].join('\n');
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

async function scaleSection(): Promise<string> {
  const results = [
    await scaleRun('netlab', 300),
    await scaleRun('netlab', 1000),
    await scaleRun('dolos', 300),
  ];
  const targets: Record<number, string> = { 300: '≤ 5 s, ≤ 500 MB', 1000: '≤ 30 s, ≤ 500 MB' };
  const [ours, , dolos] = results;
  return [
    '**Scale** (`bench/generate.ts`: a generated Python class, every pair scored; peak RSS of the whole process tree)',
    '',
    markdownTable(
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
    '',
    ours && dolos
      ? `300 submissions, Dolos / netlab: time ${fixed(dolos.seconds / ours.seconds)}×, memory ${fixed(dolos.peakMb / ours.peakMb)}×.`
      : '',
  ].join('\n');
}

const sections = [
  benchStamp(
    'pnpm --filter @netlab/grader bench --readme',
    `Copy cut ${cut}, review floor ${floor}. P@x: share of pairs scoring ≥ x that are copies; N in ${floor}–${cut}: independent pairs in the review band; L1–L6: share of copies at that level scoring ≥ ${cut}. Targets: P@${floor} ≥ 0.8, copies ≥ ${floor} ≥ 0.93, independents in the band down ≥ 4×, P@${cut} and L1–L2 ≥ 0.95.`,
  ),
  '',
  await irPlagSection(),
  '',
  await templateClassSection(),
];
if (!process.argv.includes('--no-scale')) sections.push('', await scaleSection());
const output = sections.join('\n');
console.log(output);
if (process.argv.includes('--readme')) await writeReadmeBlock(README, 'similarity-bench', output);
