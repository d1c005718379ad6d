/**
 * Benchmark (never a test): wall time of `lab week6 --quick` (all six models, every scenario, every output)
 * against its 60 s target, and the report render alone. Run: pnpm bench (in reports/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLabArgs } from '../src/cli/lab-args.js';
import { runLab } from '../src/lab/run-lab.js';
import { chartsFor } from '../src/output/charts.js';
import { renderReport } from '../src/report/render-report.js';

const QUICK_TARGET_SEC = 60;
const out = mkdtempSync(join(tmpdir(), 'lab-bench-'));
try {
  const started = performance.now();
  const { results } = await runLab(parseLabArgs('week6', ['--quick', '--out', out]));
  const labSec = (performance.now() - started) / 1000;

  const renderStart = performance.now();
  await renderReport({ results, charts: chartsFor(results), command: 'bench' });
  const renderSec = (performance.now() - renderStart) / 1000;

  const rows = [
    ['lab week6 --quick (6 models × 3 scenarios)', labSec, QUICK_TARGET_SEC],
    ['  of which: charts + PDF render', renderSec, null],
  ] as const;
  process.stdout.write('\nbenchmark                                      seconds   target   ratio\n');
  for (const [name, sec, target] of rows) {
    const ratio = target ? `${(sec / target).toFixed(2)}× of target` : '';
    process.stdout.write(
      `${name.padEnd(46)} ${sec.toFixed(1).padStart(7)}   ${target ? `${target} s` : '     '}   ${ratio}\n`,
    );
  }
  // A loaded machine can miss the target; the figure is the result, not a pass/fail.
  process.stdout.write(
    labSec <= QUICK_TARGET_SEC ? 'within target\n' : 'OVER target (is the machine busy?)\n',
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
