/** The lab CLI: parse, call one library function, print. Exit codes come from errors.ts only. */
import { errorLine, exitCodeFor, LabError } from '../errors.js';
import { redrawReport } from '../lab/redraw.js';
import { runLab } from '../lab/run-lab.js';
import { successes } from '../metrics.js';
import { SERVER_OUTPUT_NOTE } from '../lab/stress.js';
import { renderTable } from '../output/terminal-table.js';
import type { LabResults } from '../results.js';
import { tablesFor } from '../tables.js';
import { parseLabArgs, USAGE, wantsHelp } from './lab-args.js';
import { parseReportArgs } from './report-args.js';
import { startLabWeb } from '../live/lab-web.js';

export interface Io {
  out: (text: string) => void;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

const defaultIo: Io = { out: (t) => process.stdout.write(t), err: process.stderr };

function silentStudentServer(results: LabResults): LabError | null {
  const runs = results.stress.filter((r) => r.subject.origin === 'student');
  if (runs.length === 0 || runs.some((r) => r.result && successes(r.result) > 0)) return null;
  const reasons = runs.map((r) => {
    if (r.error) return `${r.scenario}: ${r.error}`;
    const kinds = Object.entries(r.result!.failuresByKind).filter(([, n]) => n > 0);
    return `${r.scenario}: ${kinds.map(([kind, n]) => `${kind} ${n}`).join(', ') || 'no request was sent'}`;
  });
  // What the server printed is usually the reason (a traceback): the last line a student reads should show it.
  const said = results.notes.find((n) => n.startsWith(SERVER_OUTPUT_NOTE));
  return new LabError(
    'LAB_SERVER_SILENT',
    `your server (--server) never answered a request (${reasons.join('; ')})${said ? ` — ${said}` : ''} — the results and the report were written, but they hold no measurement of it`,
  );
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || wantsHelp(rest)) {
      io.out(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === 'report') {
      const outputs = await redrawReport(parseReportArgs(rest));
      io.out(`${outputs.pdf}\n`);
      warnReport(io.err, outputs.reportWarnings);
      return 0;
    }
    const options = parseLabArgs(command, rest);
    const web = options.web ? await startLabWeb(options, options.web) : null;
    if (web) io.err.write(`web view: ${web.url}\n`);
    try {
      const { results, outputs } = await runLab(options, {
        sink: io.err,
        command: ['pnpm', `lab:${command}`, ...rest].join(' '),
        observer: web?.observer,
      });
      io.out(`\n${tablesFor(results).map(renderTable).join('\n\n')}\n\n`);
      io.out(
        `results: ${outputs.json}\n         ${outputs.csv}\ncharts:  ${outputs.charts.length} files in ${options.out}/charts\nreport:  ${outputs.pdf}\n`,
      );
      warnReport(io.err, outputs.reportWarnings);
      if (web) {
        web.finished(outputs);
        const lingerSec = options.web!.lingerSec;
        if (lingerSec !== 0)
          io.err.write(
            `web view stays up at ${web.url} ${lingerSec === null ? 'until Ctrl-C' : `for ${lingerSec} s`}\n`,
          );
        await web.linger(lingerSec);
      }
      return finish(results);
    } finally {
      await web?.close();
    }
  } catch (error) {
    io.err.write(`${errorLine(error)}\n`);
    return exitCodeFor(error);
  }
}

/**
 * A reference model that failed is a finding, shown in the table; a student's server that never answered
 * leaves nothing to report on, so the run says why and fails.
 */
function finish(results: LabResults): number {
  const silent = silentStudentServer(results);
  if (silent) throw silent;
  return 0;
}

/** After the paths: the PDF is written either way, so the student can read it and fix what falls short. */
function warnReport(err: NodeJS.WritableStream, warnings: string[]): void {
  for (const w of warnings) err.write(`warning: 이 보고서는 채점 기준에 못 미친다: ${w}\n`);
}
