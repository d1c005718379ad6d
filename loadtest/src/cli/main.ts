import { errorLine, exitCodeFor, LoadtestError } from '../errors.js';
import type { LoadResult } from '../result.js';
import { writeFileAtomic } from '@netlab/kit';
import { locustPlan } from '../locust/plan.js';
import { runLocust } from '../locust/run-locust.js';
import { runLoad } from '../run-load.js';
import { judgeThresholds, type Threshold } from '../thresholds.js';
import { importLocustCsv } from '../views/locust-import.js';
import { exportLocustfile } from '../locust/locustfile.js';
import { progressLine } from '../views/progress-line.js';
import { renderTable } from '../views/table.js';
import { parseCommand, type RunCommand, USAGE } from './args.js';
import { checkOutputs, writeOutputs } from './outputs.js';
import { runWeb } from './web.js';

/** What the CLI touches of its process, injected so tests run it in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress redraws one line). */
  tty: boolean;
  /** Registers the Ctrl-C handler. */
  onInterrupt(handler: () => void): void;
  /** Leaves at once (a second Ctrl-C). */
  exit(code: number): void;
}

/** A result is exit 0 however bad; a target where every connection was refused is the environment's. */
function unreachable(result: LoadResult): LoadtestError | null {
  const refusedOnly = result.requests === result.failuresByKind.refused;
  if (result.stoppedBy === 'interrupt' || !refusedOnly) return null;
  return new LoadtestError(
    'LOADTEST_TARGET_UNREACHABLE',
    `nothing answered at ${result.target}: every connection was refused; start the server or check --host`,
  );
}

/** Judges the thresholds into the result; the error to end with when any failed. */
function judge(result: LoadResult, thresholds: readonly Threshold[]): LoadtestError | null {
  if (thresholds.length === 0) return null;
  result.thresholds = judgeThresholds(result, thresholds);
  const failed = result.thresholds.filter((t) => !t.passed);
  if (failed.length === 0) return null;
  return new LoadtestError(
    'LOADTEST_THRESHOLD_FAILED',
    `${failed.length} of ${thresholds.length} threshold(s) not met: ${failed.map((t) => `${t.expr} (${t.value})`).join(', ')}`,
  );
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command.kind === 'export-locust') {
    const text = exportLocustfile(locustPlan(command.options));
    if (command.file === null) io.out(text);
    else {
      checkOutputs({ 'export-locust': command.file });
      await writeFileAtomic(command.file, text);
      io.err(`wrote ${command.file}\n`);
    }
    return 0;
  }
  if (command.kind === 'import') {
    checkOutputs(command.outputs);
    const results = command.files.map(importLocustCsv);
    const missed = results.map((r) => judge(r, command.thresholds)).find((e) => e !== null);
    for (const r of results) io.out(`${r.target}\n${renderTable(r)}\n`);
    await writeOutputs(command.outputs, results);
    if (missed) throw missed;
    return 0;
  }
  const plan = command.kind === 'locust' ? locustPlan(command.options) : null;
  checkOutputs(command.outputs);
  if (command.kind === 'locust' && command.cluster.locustfile)
    checkOutputs({ 'export-locust': command.cluster.locustfile });
  if (command.kind === 'run' && command.web) return runWeb(command, command.web, io);
  const controller = new AbortController();
  let interrupts = 0;
  io.onInterrupt(() => {
    if (++interrupts > 1) io.exit(130);
    io.err('\nstopping (Ctrl-C again to quit at once)…\n');
    controller.abort('interrupt');
  });
  const result =
    command.kind === 'locust'
      ? await runLocust(plan!, command.cluster, {
          signal: controller.signal,
          log: (text) => (command.quiet ? undefined : io.err(text)),
        })
      : await runLoad(command.options, {
          signal: controller.signal,
          onProgress: command.quiet
            ? undefined
            : (p) => io.err(io.tty ? `\r\x1b[K${progressLine(p)}` : `${progressLine(p)}\n`),
        });
  if (io.tty && !command.quiet && command.kind === 'run') io.err('\n');
  const missed = await report(result, command, io);
  return exitCode(result, false, missed);
}

/** Judges the thresholds, prints the table and writes the files a run's flags ask for; the missed thresholds' error. */
export async function report(
  result: LoadResult,
  command: Pick<RunCommand, 'thresholds' | 'outputs' | 'quiet'>,
  io: Io,
): Promise<LoadtestError | null> {
  const missed = judge(result, command.thresholds);
  io.out(renderTable(result));
  const written = await writeOutputs(command.outputs, [result]);
  if (written.length > 0 && !command.quiet) io.err(`wrote ${written.join(', ')}\n`);
  return missed;
}

/** 0 for a result (also one stopped from the web page, as asked), 130 interrupted, else the catalogue's. */
export function exitCode(result: LoadResult, stoppedFromPage: boolean, missed: LoadtestError | null): number {
  if (result.stoppedBy === 'interrupt' && !stoppedFromPage) return 130;
  const problem = unreachable(result) ?? missed;
  if (problem) throw problem;
  return 0;
}

/** The CLI: exit 0 with a result, else the catalogue's status and one line naming the problem. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    io.err(`${errorLine(error)}\n`);
    return exitCodeFor(error);
  }
}
