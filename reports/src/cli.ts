/** The lab CLI: parse, call one library function, print. Exit codes come from errors.ts only. */
import { exitCodeFor, LabError, messageOf } from './errors.js';
import { parseLabArgs, USAGE, wantsHelp } from './lab/options.js';
import { redrawReport } from './lab/redraw.js';
import { runLab } from './lab/run-lab.js';
import { renderTable } from './output/terminal-table.js';
import { tablesFor } from './tables.js';

export interface Io {
  out: (text: string) => void;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

const defaultIo: Io = { out: (t) => process.stdout.write(t), err: process.stderr };

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || wantsHelp(rest)) {
    io.out(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  try {
    if (command === 'report') {
      const outputs = await redrawReport(rest);
      io.out(`${outputs.pdf}\n`);
      return 0;
    }
    const options = parseLabArgs(command, rest);
    const { results, outputs } = await runLab(options, {
      sink: io.err,
      command: ['pnpm', `lab:${command}`, ...rest].join(' '),
    });
    io.out(`\n${tablesFor(results).map(renderTable).join('\n\n')}\n\n`);
    io.out(
      `results: ${outputs.json}\n         ${outputs.csv}\ncharts:  ${outputs.charts.length} files in ${options.out}/charts\nreport:  ${outputs.pdf}\n`,
    );
    // The run itself succeeded even when a subject failed: that is a finding, shown in the table.
    return 0;
  } catch (error) {
    io.err.write(`lab: ${messageOf(error)}\n`);
    if (!(error instanceof LabError)) io.err.write(`${(error as Error).stack ?? ''}\n`);
    return exitCodeFor(error);
  }
}
