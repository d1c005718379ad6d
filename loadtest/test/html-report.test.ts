import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchChromium } from '@netlab/kit';
import {
  judgeThresholds,
  LoadResult,
  parseThreshold,
  renderHtml,
  type ResponseTimeSummary,
} from '../src/index.js';
import { runLoad } from '../src/run-load.js';
import { type HtmlTable, htmlDefinitions, htmlTables } from './helpers/html-tables.js';
import { startTestServer, type TestServer } from './helpers/test-servers.js';

/** A table of the page by its id. */
function table(html: string, id: string): HtmlTable {
  const found = htmlTables(html).find((t) => t.id === id);
  if (!found) throw new Error(`no table #${id}`);
  return found;
}

/** A shown number against the JSON's: equal to the precision it is printed with. */
function close(shown: string, value: number): void {
  const decimals = shown.split('.')[1]?.length ?? 0;
  expect(Math.abs(Number(shown) - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
}

let server: TestServer;
let result: LoadResult;
let doc: string;

beforeAll(async () => {
  server = await startTestServer('keep-alive', (_n, path) => (path === '/missing' ? 'status500' : 'ok'));
  const run = await runLoad({
    host: server.url,
    users: 3,
    spawnRate: 100,
    runTimeSec: 2.5,
    wait: [0.005, 0.01],
    tasks: [
      { name: 'home', path: '/', weight: 3 },
      { path: '/missing', weight: 1 },
    ],
  });
  run.thresholds = judgeThresholds(run, [parseThreshold('p95<10s'), parseThreshold('failures<1%')]);
  // What the page is made from is what --json writes: the result read back from its JSON.
  result = LoadResult.parse(JSON.parse(JSON.stringify(run)));
  doc = renderHtml(result);
}, 60_000);

afterAll(async () => {
  await server.close();
});

describe("the HTML report's tables are the JSON's numbers", () => {
  it("request statistics: Locust's columns, every outcome, run-average rates", () => {
    const { head, rows } = table(doc, 'request-stats');
    expect(head).toEqual([
      'Method',
      'Name',
      '# Requests',
      '# Fails',
      'Average (ms)',
      'Min (ms)',
      'Max (ms)',
      'Average size (bytes)',
      'RPS',
      'Successes/s',
      'Failures/s',
    ]);
    const expected = [
      ...result.endpoints.map((e) => ({ ...e, rps: e.rps, fps: e.failuresPerSec, method: e.method })),
      {
        ...result,
        method: '',
        name: 'Aggregated',
        fps: result.totalRps - result.rps,
      },
    ];
    expect(rows).toHaveLength(expected.length);
    expect(result.endpoints.length).toBe(2);
    for (const [i, e] of expected.entries()) {
      const row = rows[i]!;
      const times = e.outcomes!;
      expect(row.slice(0, 4)).toEqual([e.method, e.name, String(e.requests), String(e.failures)]);
      close(row[4]!, times.responseTime.avg);
      close(row[5]!, times.responseTime.min);
      close(row[6]!, times.responseTime.max);
      close(row[7]!, times.avgSize);
      close(row[8]!, e.rps + e.fps);
      close(row[9]!, e.rps);
      close(row[10]!, e.fps);
    }
    close(rows.at(-1)![8]!, result.totalRps);
  });

  it("response-time percentiles: Locust's set for every row, then the successes' alone", () => {
    const { head, rows } = table(doc, 'response-times');
    const keys: (keyof ResponseTimeSummary)[] = [
      'p50',
      'p66',
      'p75',
      'p80',
      'p90',
      'p95',
      'p98',
      'p99',
      'p999',
      'p9999',
      'max',
    ];
    expect(head.slice(2)).toEqual(
      ['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%'].map(
        (p) => `${p}ile (ms)`,
      ),
    );
    const expected: [string, ResponseTimeSummary][] = [
      ...result.endpoints.map((e): [string, ResponseTimeSummary] => [e.name, e.outcomes!.responseTime]),
      ['Aggregated', result.outcomes!.responseTime],
      ['Successes only', result.responseTime],
    ];
    expect(rows.map((r) => r[1])).toEqual(expected.map(([name]) => name));
    for (const [i, [, rt]] of expected.entries())
      keys.forEach((k, j) => {
        close(rows[i]![j + 2]!, rt[k]!);
      });
  });

  it('failures: one row per failure row of the JSON, with its kind', () => {
    const { rows } = table(doc, 'failures');
    expect(result.failureRows.length).toBeGreaterThan(0);
    expect(rows).toEqual(
      result.failureRows.map((f) => [f.method, f.name, f.error, f.kind, String(f.occurrences)]),
    );
  });

  it("exceptions: Locust's columns, and none (the runner runs no user code)", () => {
    const { head, rows } = table(doc, 'exceptions');
    expect(head).toEqual(['Count', 'Message', 'Traceback', 'Nodes']);
    expect(rows).toEqual([['none']]);
  });

  it('task ratio: each task with its weight and share', () => {
    expect(table(doc, 'tasks').rows).toEqual([
      ['home', 'GET', '/', '3', '75.0%'],
      ['/missing', 'GET', '/missing', '1', '25.0%'],
    ]);
  });

  it('thresholds: each with its measured value and verdict', () => {
    const { rows } = table(doc, 'thresholds');
    expect(rows.map((r) => [r[0], r[2]])).toEqual(
      result.thresholds!.map((t) => [t.expr, t.passed ? '✓ passed' : '✗ failed']),
    );
    expect(rows[1]![2]).toBe('✗ failed');
  });

  it('every second: each metric of each point of the timeline, failures by kind included', () => {
    const { head, rows } = table(doc, 'history');
    expect(head).toContain('status/s');
    expect(rows).toHaveLength(result.timeline.length);
    const col = (name: string) => head.indexOf(name);
    for (const [i, p] of result.timeline.entries()) {
      const row = rows[i]!;
      expect(row[col('Second')]).toBe(String(p.second));
      expect(row[col('Users')]).toBe(String(p.users));
      close(row[col('Successes/s')]!, p.rps);
      expect(row[col('Failures/s')]).toBe(String(p.failures));
      expect(row[col('status/s')]).toBe(String(p.failuresByKind?.status ?? 0));
      if (p.p95 !== null) close(row[col('p95 (ms)')]!, p.p95);
      expect(row[col('Total requests')]).toBe(String(p.total!.requests));
      close(row[col('Running p95 (ms)')]!, p.total!.responseTime.p95);
    }
  });

  it('start and end time, host and users', () => {
    const info = htmlDefinitions(doc);
    const start = new Date(result.startedAt);
    const end = new Date(start.getTime() + result.durationSec * 1000);
    const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    expect(info['Target host']).toBe(result.target);
    expect(info.Start).toBe(utc(start));
    expect(info.End).toBe(utc(end));
    expect(info.Users).toBe('3 users at 100/s');
    const last = result.timeline.at(-1)!;
    expect(info['RPS (run average)']).toBe(result.totalRps.toFixed(1));
    expect(info['Current RPS (last second)']).toBe((last.rps + last.failures).toFixed(1));
  });

  it('charts at full width, failures by kind among them, nothing loaded from elsewhere', () => {
    const html = renderHtml(result);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('.chart svg{width:100%');
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain('Failures per second by kind');
    expect(html).toContain('first failing request sent');
  });

  it('Chromium shows the same tables, and each chart spans the page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.setContent(doc, { waitUntil: 'load' });
      const shown = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table')).map((t) => ({
          id: t.id,
          rows: Array.from(t.querySelectorAll('tr')).map((tr) =>
            Array.from(tr.querySelectorAll('th,td')).map((c) => (c.textContent ?? '').trim()),
          ),
        })),
      );
      expect(shown).toEqual(htmlTables(doc).map((t) => ({ id: t.id, rows: [t.head, ...t.rows] })));
      const widths = await page.evaluate(() => ({
        body: document.body.getBoundingClientRect().width,
        charts: Array.from(document.querySelectorAll('.chart svg')).map(
          (svg) => svg.getBoundingClientRect().width,
        ),
      }));
      expect(widths.charts).toHaveLength(4);
      for (const w of widths.charts) expect(w).toBeCloseTo(widths.body, 0);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
