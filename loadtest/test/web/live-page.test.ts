/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, launchChromium } from '@netlab/kit';
import type { Browser } from 'puppeteer-core';
import { LoadResult } from '../../src/index.js';
import { startTestServer, type TestServer } from '../helpers/test-servers.js';
import {
  aggregatedRequests,
  collectErrors,
  requestsAbove,
  startWebCli,
  type WebCli,
} from '../helpers/web-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netlab-web-'));
let browser: Browser;
let server: TestServer;
const clis: WebCli[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // A steady, slow-enough server: a few users make a few hundred requests a second.
  server = await startTestServer('keep-alive', () => ({ delayMs: 10 }));
}, 60_000);
afterEach(() => {
  for (const c of clis.splice(0)) c.child.kill('SIGKILL');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const readResult = (path: string) => LoadResult.parse(JSON.parse(readFileSync(path, 'utf8')));

describe('loadtest --web: the live page in Chromium', () => {
  it('loads with no console errors, its Aggregated # Requests grows and ends equal to the JSON', async () => {
    const json = join(dir, 'live.json');
    const port = await freePort();
    const cli = startWebCli([
      '--host',
      server.url,
      '-u',
      '4',
      '-r',
      '4',
      '-t',
      '6s',
      '--web',
      '--web-port',
      String(port),
      '--json',
      json,
      '--quiet',
    ]);
    clis.push(cli);
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(await cli.url);
    const first = await requestsAbove(page, 0);
    const later = await requestsAbove(page, first);
    expect(later).toBeGreaterThan(first);
    expect(await page.$eval('#chart-rps', (c) => Number((c as HTMLElement).dataset.points))).toBeGreaterThan(
      0,
    );
    const { code } = await cli.exit;
    expect(code).toBe(0);
    await page.waitForSelector('#app[data-ended="true"]', { timeout: 30_000 });
    const result = readResult(json);
    expect(await aggregatedRequests(page)).toBe(result.requests);
    expect(await page.$eval('#state', (e) => e.textContent)).toBe('STOPPED');
    const rps = result.totalRps.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(await page.$eval('#rps', (e) => e.textContent)).toBe(rps);
    const rows = await page.$$eval('#stats tbody tr', (trs) => trs.map((tr) => tr.children[1]!.textContent));
    expect(rows).toEqual(['/', 'Aggregated']);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('stops the run from the STOP button and resets the stats; the CLI exits 0 and writes its files', async () => {
    const json = join(dir, 'stopped.json');
    const csv = join(dir, 'stopped');
    const port = await freePort();
    const cli = startWebCli([
      '--host',
      server.url,
      '-u',
      '3',
      '-r',
      '3',
      '-t',
      '5m',
      '--web',
      '--web-port',
      String(port),
      '--json',
      json,
      '--csv',
      csv,
      '--quiet',
    ]);
    clis.push(cli);
    const page = await browser.newPage();
    await page.goto(await cli.url);
    // Wait for several seconds of counts, then reset: the next count starts again from the reset.
    await page.waitForFunction(
      // At least three: on a busy machine one update may bring two seconds at once.
      () => Number(document.querySelector('#chart-users')?.getAttribute('data-points')) >= 3,
      {
        timeout: 60_000,
      },
    );
    const before = await aggregatedRequests(page);
    await page.click('#reset');
    await page.waitForFunction(
      (n) =>
        Number(
          document.querySelector<HTMLElement>('#stats tr.total td[data-col="# Requests"]')?.dataset.value,
        ) < n,
      { timeout: 60_000, polling: 100 },
      before,
    );
    await requestsAbove(page, 0);
    await page.click('#stop');
    const { code } = await cli.exit;
    expect(code).toBe(0);
    const result = readResult(json);
    expect(result.stoppedBy).toBe('interrupt');
    expect(result.durationSec).toBeLessThan(300);
    expect(readFileSync(`${csv}_stats.csv`, 'utf8')).toContain('Aggregated');
    await page.waitForSelector('#app[data-ended="true"]', { timeout: 30_000 });
    expect(await aggregatedRequests(page)).toBe(result.requests);
    await page.close();
  }, 120_000);

  it('starts a run from POST /swarm when started without -u, answers /stats/requests as Locust does, stays up until Ctrl-C', async () => {
    const json = join(dir, 'swarm.json');
    const port = await freePort();
    const cli = startWebCli(['--web', '--web-port', String(port), '--json', json, '--quiet']);
    clis.push(cli);
    const url = await cli.url;
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(url);
    await page.waitForSelector('#start-form:not([hidden])');
    const ready = (await (await fetch(`${url}/stats/requests`)).json()) as { state: string };
    expect(ready.state).toBe('ready');
    const body = new URLSearchParams({ user_count: '3', spawn_rate: '3', host: server.url, run_time: '4s' });
    const reply = (await (await fetch(`${url}/swarm`, { method: 'POST', body })).json()) as Record<
      string,
      unknown
    >;
    expect(reply).toEqual({ success: true, message: 'Swarming started', host: server.url, run_time: 4 });
    await requestsAbove(page, 0);
    const live = (await (await fetch(`${url}/stats/requests`)).json()) as Record<string, unknown> & {
      stats: Array<Record<string, unknown>>;
    };
    expect(Object.keys(live).sort()).toEqual(
      [
        'current_response_time_percentile_50',
        'current_response_time_percentile_95',
        'errors',
        'fail_ratio',
        'state',
        'stats',
        'total_rps',
        'user_count',
      ].sort(),
    );
    expect(['spawning', 'running']).toContain(live.state);
    expect(Object.keys(live.stats[0]!).sort()).toEqual(
      [
        'avg_content_length',
        'avg_response_time',
        'current_fail_per_sec',
        'current_rps',
        'max_response_time',
        'median_response_time',
        'method',
        'min_response_time',
        'name',
        'ninetieth_response_time',
        'ninety_ninth_response_time',
        'num_failures',
        'num_requests',
        'safe_name',
      ].sort(),
    );
    expect(live.stats.at(-1)).toMatchObject({ method: '', name: 'Aggregated' });
    // The run ends by its run_time; the page offers the form again and the JSON is written.
    await page.waitForSelector('#start-form:not([hidden])', { timeout: 60_000 });
    const result = readResult(json);
    expect(result.stoppedBy).toBe('time');
    expect(await aggregatedRequests(page)).toBe(result.requests);
    const csv = await (await fetch(`${url}/stats/requests/csv`)).text();
    expect(csv.split('\r\n')[0]).toMatch(/^Type,Name,Request Count,Failure Count,Median Response Time/);
    cli.child.kill('SIGINT');
    expect((await cli.exit).code).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
