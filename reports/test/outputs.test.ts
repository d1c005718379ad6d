import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { METRICS } from '../src/metrics.js';
import { chartsFor } from '../src/output/charts.js';
import { svgToPng } from '../src/output/png.js';
import { CSV_HEADER, resultsCsv } from '../src/output/results-csv.js';
import { writeOutputs } from '../src/write-outputs.js';
import { LabResults } from '../src/results.js';
import { tablesFor } from '../src/tables.js';
import { week6Fixture } from './fixtures.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('results.csv', () => {
  const results = week6Fixture();
  const rows: Record<string, string>[] = parse(resultsCsv(results), { bom: true, columns: true });

  it('has one row per subject × scenario × metric, with a BOM for Excel', () => {
    expect(resultsCsv(results).startsWith('\uFEFF')).toBe(true);
    expect(Object.keys(rows[0]!)).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(results.stress.length * METRICS.length);
    const select = rows.find((r) => r.subject === 'select' && r.scenario === 'fixed' && r.metric === 'rps')!;
    expect(Number(select.value)).toBeCloseTo(9800, 0);
  });

  it('keeps a failed subject with empty values and the reason', () => {
    const student = rows.filter((r) => r.subject === 'student');
    expect(student).toHaveLength(3 * METRICS.length);
    expect(student.every((r) => r.value === '' && r.error!.includes('before it was ready'))).toBe(true);
  });

  it('leaves users-at-first-failure empty when nothing failed', () => {
    const at = (s: string) =>
      rows.find((r) => r.subject === s && r.scenario === 'ramp' && r.metric === 'users_at_first_failure')!;
    expect(at('multiprocess').value).toBe('115');
    expect(at('select').value).toBe('');
  });
});

describe('charts', () => {
  const charts = chartsFor(week6Fixture());

  it('has throughput, response time and users over time per model, and the grouped comparisons', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'comparison-rps',
      'comparison-response-time',
      'comparison-users-at-failure',
      'ramp-rps',
      'ramp-response-time',
      'ramp-users',
      'fixed-rps',
      'fixed-response-time',
      'fixed-users',
      'open-rps',
      'open-response-time',
      'open-users',
    ]);
    const rampRps = charts.find((c) => c.name === 'ramp-rps')!.svg;
    // Six models' successes/s, and failures/s for the one that failed, dashed in its colour.
    expect(rampRps.match(/class="series"/g)).toHaveLength(7);
    expect(rampRps).toMatch(/data-series="multiprocess 실패\/s"[^>]*stroke-dasharray="7 4"/);
    expect(rampRps).not.toContain('data-series="student"');
  });

  it('marks the first failure at the second its request was sent', () => {
    const svg = charts.find((c) => c.name === 'ramp-rps')!.svg;
    expect(svg.match(/class="marker"/g)).toHaveLength(1);
    expect(svg).toContain('multiprocess 첫 실패');
  });

  it('leaves a gap, not a zero, where a second had no success', () => {
    // multiprocess's open run answered only in its first second: its p95 line is one dot, no path to zero.
    const svg = charts.find((c) => c.name === 'open-response-time')!.svg;
    const path =
      /data-series="multiprocess"[^>]*d="([^"]*)"/.exec(svg)?.[1] ??
      /d="([^"]*)"[^>]*data-series="multiprocess"/.exec(svg)![1]!;
    expect(path.match(/L/g)).toBeNull();
  });

  it('hatches a bar built on too few successes, labels it "n = s/requests" and keeps it out of the scale', () => {
    const svg = charts.find((c) => c.name === 'comparison-response-time')!.svg;
    expect(svg).toMatch(
      /class="bar weak"[^>]*data-series="고정 도착률\(open\)"[^>]*data-category="multiprocess"/,
    );
    expect(svg).toContain('>n = 5/30</text>');
    expect(svg.match(/class="bar weak"/g)).toHaveLength(1);
  });

  it("labels bars with the table's rounding", () => {
    const svg = charts.find((c) => c.name === 'comparison-rps')!.svg;
    const table = tablesFor(week6Fixture())[0]!;
    const fixedRps = table.rows.find((r) => r[0] === 'multithread')![table.headers.indexOf('fixed: req/s')]!;
    expect(svg).toContain(`>${fixedRps}</text>`);
  });

  it('renders PNGs at twice the SVG size', () => {
    const png = svgToPng(charts[0]!.svg);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1440);
    expect(png.readUInt32BE(20)).toBe(800);
  });
});

describe('writeOutputs', () => {
  it('writes every file, and results.json reads back as the same results', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lab-out-'));
    dirs.push(out);
    const results = week6Fixture();
    const outputs = await writeOutputs(results, out, { command: 'pnpm lab:week6' });
    expect(readdirSync(out).sort()).toEqual([
      'CN_6_2017123422_배수현.pdf',
      'charts',
      'results.csv',
      'results.json',
    ]);
    expect(LabResults.parse(JSON.parse(readFileSync(outputs.json, 'utf8')))).toEqual(results);
    expect(readdirSync(join(out, 'charts'))).toHaveLength(24);
    expect(readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe('the comparison table', () => {
  it('shows "—" for response times of a run nothing answered, and says why', () => {
    const results = week6Fixture();
    const run = results.stress.find((r) => r.subject.name === 'multithread' && r.scenario === 'fixed')!;
    run.result!.failures = run.result!.requests;
    run.result!.failuresByKind.timeout = run.result!.requests;
    run.result!.failureRows = [
      { method: 'GET', name: '/', kind: 'timeout', error: 'timeout after 5s', occurrences: 9 },
    ];
    const table = tablesFor(results)[0]!;
    const row = table.rows.find((r) => r[0] === 'multithread')!;
    expect(row[table.headers.indexOf('fixed: mean ms')]).toBe('—');
    expect(row.at(-1)).toBe('fixed 100% 실패(timeout)');
    expect(table.rows.find((r) => r[0] === 'select')!.at(-1)).toBe('fixed 생성기 포화(값은 하한)');
  });
});
