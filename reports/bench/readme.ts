/**
 * Writes the "Measured here" figures of the root README and reports/README.md from one full `lab week6` run
 * (never retyped): the comparison table, what the analysis concluded, the throughput chart, the wall time.
 * Run: pnpm --filter @netlab/reports bench:readme   (about 3 minutes on 2 cores).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchStamp, writeReadmeBlock } from '@netlab/kit';
import { parseLabArgs } from '../src/cli/lab-args.js';
import { runLab } from '../src/lab/run-lab.js';
import { analysisFor } from '../src/report/analysis.js';
import { type Table, tablesFor } from '../src/tables.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'lab-readme-'));

function markdown(table: Table): string {
  // Notes can be long; the README keeps the numbers and leaves the reasons to the analysis below.
  const keep = table.headers.map((_, i) => i).filter((i) => table.headers[i] !== 'notes');
  const row = (cells: string[]) => `| ${keep.map((i) => cells[i]).join(' | ')} |`;
  const rule = `|${keep.map((i) => (table.numeric[i] ? '---:' : '---')).join('|')}|`;
  return [row(table.headers), rule, ...table.rows.map(row)].join('\n');
}

try {
  const started = performance.now();
  const { results, outputs } = await runLab(parseLabArgs('week6', ['--out', out]));
  const seconds = Math.round((performance.now() - started) / 1000);
  const chart = 'reports/docs/week6-comparison-rps.png';
  copyFileSync(join(out, 'charts', 'comparison-rps.png'), join(ROOT, chart));
  const [stress] = tablesFor(results);
  const analysis = analysisFor(results)
    .filter((p) => !p.title.startsWith('측정 환경'))
    .map((p) => `**${p.title}**\n\n${p.paragraphs.map((t) => `- ${t}`).join('\n')}`)
    .join('\n\n');
  const stamp = benchStamp(
    'pnpm --filter @netlab/reports bench:readme',
    `One full \`pnpm lab:week6\` on loopback, ${Math.floor(seconds / 60)} min ${seconds % 60} s for the lab itself. ` +
      'The numbers follow the definitions in loadtest/README.md ("What the numbers mean").',
  );
  const body = [stamp, markdown(stress!), `![Successful responses/s by model](${chart})`].join('\n\n');
  await writeReadmeBlock(join(ROOT, 'README.md'), 'measured-here', body);
  await writeReadmeBlock(
    join(ROOT, 'reports', 'README.md'),
    'measured-here',
    `${body.replace(`](${chart})`, '](docs/week6-comparison-rps.png)')}\n\nWhat the report's analysis wrote from it:\n\n${analysis}`,
  );
  process.stdout.write(`${body}\n\nPDF: ${outputs.pdf}\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
