/** The lab end to end on real reference servers, kept short: two models, the quick profile. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinSpec } from '@netlab/assignments';
import { lineChartSvg } from '@netlab/charts';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { main } from '../src/cli/main.js';
import { parseLabArgs } from '../src/cli/lab-args.js';
import { svgToPng } from '../src/output/png.js';
import { runLab } from '../src/lab/run-lab.js';
import { pendingCleanups } from '../src/process/cleanup.js';
import { raceDeadline } from '../src/deadline.js';
import type { LabResults } from '../src/results.js';
import { readPdf } from './pdf-content.js';
import { freePort } from './ports.js';

const dirs: string[] = [];
const tempOut = () => {
  const d = mkdtempSync(join(tmpdir(), 'lab-run-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the lab, keeping its progress so a run that overstays says where it was. */
async function labWithLog(options: Parameters<typeof runLab>[0], limitMs: number) {
  const log: string[] = [];
  const sink = { write: (t: string) => log.push(`${new Date().toISOString().slice(11, 23)} ${t}`) };
  const outcome = await raceDeadline(runLab(options, { sink }), limitMs);
  if (outcome === 'timeout')
    throw new Error(`lab still running after ${limitMs / 1000} s; progress:\n${log.join('')}`);
  return outcome;
}

/**
 * Our own running children: every server the lab started must be gone once it returns. A zombie (state Z: ended,
 * its exit not yet collected, e.g. a bundler another test file in this jest worker stopped) runs nothing.
 */
function children(): string[] {
  const out = execFileSync('ps', ['-o', 'stat=,pid=,args=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('Z') && !/\bps -o\b/.test(l));
}

const byName = (r: LabResults, name: string, scenario: 'ramp' | 'fixed' | 'open') =>
  r.stress.find((s) => s.subject.name === name && s.scenario === scenario)!;

describe('lab week6 --quick on real servers', () => {
  let results: LabResults;
  let out: string;

  it('loads each reference model in both scenarios, and a student server that crashes mid-run', async () => {
    out = tempOut();
    const port = await freePort();
    // Answers 150 requests properly, then dies: the crash must show in the table, not stop the lab.
    const crashing = `node -e "let n=0;require('net').createServer(s=>{s.on('error',()=>{});s.end('HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nok');if(++n>=150)process.exit(1)}).listen(${port},'127.0.0.1')"`;
    const options = parseLabArgs('week6', [
      '--quick',
      '--models',
      'single,select',
      '--out',
      out,
      '--student',
      '2017123422',
      '--name',
      '배수현',
      '--server',
      crashing,
      '--port',
      String(port),
    ]);
    ({ results } = await labWithLog(options, 150_000));
    for (const model of ['single', 'select']) {
      for (const scenario of ['ramp', 'fixed', 'open'] as const) {
        const run = byName(results, model, scenario);
        expect(run.error).toBeNull();
        expect(run.result!.requests).toBeGreaterThan(0);
        // One point per whole second of the run's own time.
        expect(run.result!.timeline.length).toBe(Math.floor(run.result!.durationSec));
      }
    }
    expect(byName(results, 'select', 'fixed').result!.requests).toBeLessThanOrEqual(1000);
    const student = [byName(results, 'student', 'ramp'), byName(results, 'student', 'fixed')];
    expect(student.map((s) => s.error).join(' ')).toMatch(/crashed mid-run|stopped before the fixed run/);
    expect(pendingCleanups()).toBe(0);
    expect(children()).toEqual([]);
  }, 180_000);

  it('writes results.json, results.csv, SVG+PNG charts and the named PDF', async () => {
    const files = readdirSync(out).sort();
    expect(files).toEqual(['CN_6_2017123422_배수현.pdf', 'charts', 'results.csv', 'results.json']);
    const charts = readdirSync(join(out, 'charts'));
    for (const name of ['comparison-rps', 'ramp-rps', 'ramp-response-time', 'ramp-users']) {
      expect(charts).toContain(`${name}.svg`);
      expect(charts).toContain(`${name}.png`);
    }
    const rows: Record<string, string>[] = parse(readFileSync(join(out, 'results.csv')), {
      bom: true,
      columns: true,
    });
    expect(new Set(rows.map((r) => r.subject))).toEqual(new Set(['single', 'select', 'student']));
    const pdf = await readPdf(readFileSync(join(out, 'CN_6_2017123422_배수현.pdf')));
    expect(pdf.text).toContain('과제 목표');
    expect(pdf.text).toContain('select model (reference)');
    expect(pdf.text).toMatch(/1위 (single|select)/);
  });
});

/** Week 5, quick, no reference models: only the student's server or target. */
const onlyStudent = (out: string, extra: string[]) =>
  parseLabArgs('week5', ['--quick', '--models', 'none', '--out', out, ...extra]);

describe('lab with a student server or target that does not work', () => {
  it('records a --server that never starts as failures with the reason, and still writes everything', async () => {
    const out = tempOut();
    const port = await freePort();
    const options = onlyStudent(out, ['--server', 'echo no such module >&2; exit 2', '--port', String(port)]);
    const { results, outputs } = await labWithLog(options, 50_000);
    expect(results.stress.map((r) => [r.scenario, r.result])).toEqual([
      ['open', null],
      ['ramp', null],
      ['fixed', null],
    ]);
    expect(results.stress[0]!.error).toMatch(/exited with code 2 before it was ready.*no such module/);
    for (const f of [outputs.json, outputs.csv, outputs.pdf]) expect(existsSync(f)).toBe(true);
    expect(children()).toEqual([]);
  }, 60_000);

  it('records a --target that refuses connections', async () => {
    const out = tempOut();
    const port = await freePort();
    const options = onlyStudent(out, ['--target', `http://127.0.0.1:${port}/`]);
    const { results, outputs } = await labWithLog(options, 50_000);
    expect(results.stress.every((r) => r.result === null && /ECONNREFUSED/.test(r.error ?? ''))).toBe(true);
    expect(readFileSync(outputs.csv, 'utf8')).toContain('ECONNREFUSED');
    expect((await readPdf(readFileSync(outputs.pdf))).text).toContain('ECONNREFUSED');
  }, 60_000);
});

describe('lab week3 and week2', () => {
  it('week3: the reference passes every check of the built-in spec', async () => {
    const out = tempOut();
    const { results } = await labWithLog(parseLabArgs('week3', ['--quick', '--out', out]), 50_000);
    expect(results.checks.length).toBeGreaterThanOrEqual(8);
    expect(results.checks.filter((c) => !c.pass)).toEqual([]);
    expect(results.checks.map((c) => c.check)).toContain('malformed request line gives 400');
  }, 60_000);

  it('week3: a server that answers wrongly fails the checks it breaks', async () => {
    const out = tempOut();
    const port = await freePort();
    // Always 200 text/plain without Content-Length, `\n` line ends: a beginner's first server.
    const sloppy = `node -e "require('net').createServer(s=>{s.on('error',()=>{});s.once('data',()=>s.end('HTTP/1.1 200 OK\\nContent-Type: text/plain\\n\\nhello'))}).listen(${port},'127.0.0.1')"`;
    const { results } = await labWithLog(
      parseLabArgs('week3', ['--models', 'none', '--out', out, '--server', sloppy, '--port', String(port)]),
      50_000,
    );
    const failed = results.checks.filter((c) => !c.pass).map((c) => c.check);
    expect(failed).toContain('missing file gives 404 with the not-found page');
    expect(failed).toContain('CSS MIME type');
    expect(results.checks.find((c) => c.check === '/ serves index.html')!.actual).toContain(
      'Content-Type "text/plain"',
    );
    expect(children()).toEqual([]);
  }, 60_000);

  it('week2: echo round trips with a histogram, and the attendance protocol', async () => {
    const out = tempOut();
    const { results, outputs } = await labWithLog(parseLabArgs('week2', ['--quick', '--out', out]), 50_000);
    const echo = results.echo[0]!;
    expect(echo.error).toBeNull();
    expect(echo.messages).toBe(500);
    expect(echo.histogram.reduce((a, h) => a + h.count, 0)).toBe(500);
    expect(results.attendance.filter((a) => !a.pass)).toEqual([]);
    expect(readdirSync(join(out, 'charts'))).toContain('echo-latency.svg');
    expect((await readPdf(readFileSync(outputs.pdf))).text).toContain('출석 서버');
  }, 60_000);
});

describe('lab CLI', () => {
  it('exits 2 with one line naming a bad flag, and 0 for --help', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: { write: (t: string) => lines.push(t) } as never };
    expect(await main(['week6', '--models', 'fork'], io)).toBe(2);
    expect(lines.join('')).toContain('unknown model "fork"');
    expect(await main(['report', join(tmpdir(), 'no-such-results.json')], io)).toBe(2);
    const fixture = new URL('./fixtures/week6-results.json', import.meta.url).pathname;
    lines.length = 0;
    expect(await main(['report', fixture, '--run', 'select=cluster.json'], io)).toBe(2);
    expect(lines.join('')).toMatch(
      /^LAB_OPTION_INVALID: --run select=cluster.json: expected NAME:SCENARIO=FILE/,
    );
    lines.length = 0;
    expect(await main(['report', fixture, '--run', `select:fixed=${fixture}`], io)).toBe(2);
    expect(lines.join('')).toMatch(/^LAB_RESULTS_INVALID: --run .*: not a load test's --json result/);
    expect(await main(['--help'], io)).toBe(0);
  });

  it('redraws the PDF from results.json with the student review', async () => {
    const out = tempOut();
    const fixture = new URL('./fixtures/week6-results.json', import.meta.url).pathname;
    const review = join(out, 'review.txt');
    execFileSync('sh', ['-c', `printf '%s' '직접 측정해 보니 select가 가장 빨랐다.' > '${review}'`]);
    // A run measured elsewhere (Locust's master and workers through `pnpm loadtest locust --json`) joins it.
    const saved = JSON.parse(readFileSync(fixture, 'utf8'));
    const fixed = saved.stress.find(
      (r: { scenario: string; result: unknown }) => r.scenario === 'fixed' && r.result,
    );
    const cluster = join(out, 'cluster.json');
    writeFileSync(cluster, JSON.stringify({ ...fixed.result, engine: 'locust master + 5 worker(s)' }));
    const io = { out: () => {}, err: { write: () => true } as never };
    expect(
      await main(
        ['report', fixture, '--review', review, '--run', `five-pcs:fixed=${cluster}`, '--out', out],
        io,
      ),
    ).toBe(0);
    const pdf = await readPdf(readFileSync(join(out, 'CN_6_2017123422_배수현.pdf')));
    expect(pdf.text).toContain('직접 측정해 보니 select가 가장 빨랐다.');
    expect(pdf.text).toContain('five-pcs');
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('locust master + 5 worker(s)');
    const written = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const added = written.stress.filter((r: { subject: { name: string } }) => r.subject.name === 'five-pcs');
    expect(
      added.map((r: { scenario: string; subject: { origin: string } }) => [r.scenario, r.subject.origin]),
    ).toEqual([['fixed', 'target']]);
    // Each redraw rasterises every chart: minutes on a busy 2-core machine.
  }, 180_000);

  it("embeds the student's screenshots, so the lab's PDF can meet the grader's image count", async () => {
    const out = tempOut();
    const fixture = new URL('./fixtures/week6-results.json', import.meta.url).pathname;
    const before = await readPdf(await redrawn(fixture, out, []));
    const shots = ['code.png', 'run.png', 'locust.png'].map((name, i) => {
      const file = join(out, name);
      writeFileSync(
        file,
        svgToPng(
          lineChartSvg({
            title: `capture ${i}`,
            xLabel: 's',
            yLabel: 'req/s',
            series: [
              {
                name: 'x',
                points: [
                  [0, i],
                  [1, i + 1],
                ],
              },
            ],
          }),
        ),
      );
      return file;
    });
    const after = await readPdf(await redrawn(fixture, out, shots));
    expect(after.images).toBe(before.images + 3);
    expect(after.text).toContain('화면 3. locust.png');
    expect(after.images).toBeGreaterThanOrEqual(builtinSpec('week6').report.minImages);
  }, 180_000);

  it('refuses a screenshot that is not a PNG or JPEG, naming it, and writes no PDF', async () => {
    const out = tempOut();
    const fixture = new URL('./fixtures/week6-results.json', import.meta.url).pathname;
    const bogus = join(out, 'capture.hwp');
    writeFileSync(bogus, 'not an image');
    const lines: string[] = [];
    const io = { out: () => {}, err: { write: (t: string) => lines.push(t) } as never };
    expect(await main(['report', fixture, '--screenshot', bogus, '--out', out], io)).toBe(2);
    expect(lines.join('')).toContain(`--screenshot ${bogus}: not a PNG or JPEG image`);
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});

async function redrawn(fixture: string, out: string, screenshots: string[]): Promise<Buffer> {
  const io = { out: () => {}, err: { write: () => true } as never };
  const flags = screenshots.flatMap((s) => ['--screenshot', s]);
  expect(await main(['report', fixture, ...flags, '--out', out], io)).toBe(0);
  return readFileSync(join(out, 'CN_6_2017123422_배수현.pdf'));
}
