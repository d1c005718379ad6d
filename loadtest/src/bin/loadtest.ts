#!/usr/bin/env tsx
import { parseCommand, USAGE } from '../cli/args.js';
import { checkOutputs, writeOutputs } from '../cli/outputs.js';
import { LoadtestError } from '../errors.js';
import type { LoadResult } from '../result.js';
import { runLoad } from '../run-load.js';
import { importLocustCsv } from '../views/locust-import.js';
import { exportLocustfile } from '../views/locustfile.js';
import { progressLine } from '../views/progress-line.js';
import { renderTable } from '../views/table.js';

/** 1 when the numbers are unusable: nothing completed, or every attempt failed (e.g. unreachable host). */
function exitCodeOf(result: LoadResult): number {
  if (result.stoppedBy === 'interrupt') return 130;
  return result.requests === 0 || result.failures === result.requests ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'export-locust') {
    process.stdout.write(exportLocustfile(command.scenario, command.wait));
    return 0;
  }
  if (command.kind === 'import') {
    checkOutputs(command.outputs);
    const results = command.files.map(importLocustCsv);
    for (const r of results) process.stdout.write(`${r.target}\n${renderTable(r)}\n`);
    await writeOutputs(command.outputs, results);
    return 0;
  }
  checkOutputs(command.outputs);
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\nstopping (Ctrl-C again to quit at once)…\n');
    controller.abort('interrupt');
  });
  const tty = process.stderr.isTTY;
  const result = await runLoad(command.options, {
    signal: controller.signal,
    onProgress: command.quiet
      ? undefined
      : (p) => process.stderr.write(tty ? `\r\x1b[K${progressLine(p)}` : `${progressLine(p)}\n`),
  });
  if (tty && !command.quiet) process.stderr.write('\n');
  process.stdout.write(renderTable(result));
  const written = await writeOutputs(command.outputs, [result]);
  if (written.length > 0 && !command.quiet) process.stderr.write(`wrote ${written.join(', ')}\n`);
  return exitCodeOf(result);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof LoadtestError) {
      process.stderr.write(`netlab-loadtest: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`netlab-loadtest: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(3);
  },
);
