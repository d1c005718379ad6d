/** Everything a run leaves in --out, each file written atomically: JSON, CSV, charts (SVG + PNG) and the PDF. */
import { join } from 'node:path';
import { builtinSpec } from '@netlab/assignments';
import { writeFileAtomic } from '@netlab/kit';
import { messageOf } from '@netlab/kit';
import { LabError } from './errors.js';
import { figureCount, renderReport, SECTIONS, type Screenshot } from './report/render-report.js';
import { reportFileName } from './report/report-name.js';
import { reportShortfalls } from './report/spec-fit.js';
import type { LabResults } from './results.js';
import { chartsFor } from './output/charts.js';
import { svgToPng } from './output/png.js';
import { resultsCsv } from './output/results-csv.js';

/** A file system error under --out as users read it: LAB_OUTPUT naming the path. */
export function outputError(path: string, error: unknown): LabError {
  return new LabError(
    'LAB_OUTPUT',
    `cannot write ${path}: ${messageOf(error)} — check --out points to a writable directory`,
  );
}

/** The kit's atomic write, its errors as LAB_OUTPUT. */
async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw outputError(path, error);
  }
}

export interface Outputs {
  json: string;
  csv: string;
  charts: string[];
  pdf: string;
  /** How the PDF falls short of the week's report rules (sections, figures, file name); empty when it passes. */
  reportWarnings: string[];
}

export async function writeOutputs(
  results: LabResults,
  out: string,
  options: { command: string; review?: string | null; screenshots?: Screenshot[] },
): Promise<Outputs> {
  const json = join(out, 'results.json');
  const csv = join(out, 'results.csv');
  // Data first: if a chart or the PDF fails, the measurements are already safe on disk.
  await writeAtomic(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeAtomic(csv, resultsCsv(results));
  const charts = chartsFor(results).map((chart) => ({ ...chart, png: svgToPng(chart.svg) }));
  const chartFiles: string[] = [];
  for (const chart of charts) {
    const svg = join(out, 'charts', `${chart.name}.svg`);
    const png = join(out, 'charts', `${chart.name}.png`);
    await writeAtomic(svg, chart.svg);
    await writeAtomic(png, chart.png);
    chartFiles.push(svg, png);
  }
  const fileName = reportFileName(results.week, results.student);
  const pdf = join(out, fileName);
  const input = { results, charts, ...options };
  await writeAtomic(pdf, await renderReport(input));
  const reportWarnings = reportShortfalls(builtinSpec(`week${results.week}`).report, {
    headings: Object.values(SECTIONS),
    images: figureCount(input),
    fileName,
    student: results.student,
  });
  return { json, csv, charts: chartFiles, pdf, reportWarnings };
}
