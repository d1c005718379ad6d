/// <reference lib="dom" />
/** `lab week6 --quick --web`: the live lab page in headless Chromium while the lab runs real reference servers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort, launchChromium } from '@netlab/kit';
import { main } from '../src/cli/main.js';
import { webViewStderr } from './web-view-url.js';

const out = mkdtempSync(join(tmpdir(), 'lab-web-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('lab week6 --quick --web', () => {
  it('shows every model with its state, the current run live, and the comparison filled in as models finish', async () => {
    const port = await freePort();
    const { err, url, text } = webViewStderr();
    const models = ['single', 'select'];
    const lab = main(
      [
        'week6',
        '--quick',
        '--models',
        models.join(','),
        '--out',
        out,
        '--web',
        '--web-port',
        String(port),
        '--web-linger',
        '20',
      ],
      { out: () => {}, err },
    );
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      const address = await Promise.race([url, lab.then(() => Promise.reject(new Error(text())))]);
      await page.goto(address);
      // Every model listed before it runs; a run's live table shows while it goes on.
      await page.waitForFunction(
        (n) => document.querySelectorAll('#subjects tbody tr').length === n,
        {},
        models.length,
      );
      await page.waitForFunction(
        () =>
          Number(
            document.querySelector<HTMLElement>('#stats tr.total td[data-col="# Requests"]')?.dataset.value,
          ) > 0,
        { timeout: 120_000, polling: 200 },
      );
      // The first model's comparison bar appears while the second still runs or waits.
      await page.waitForSelector('#comparison tbody tr[data-subject="single"]', { timeout: 150_000 });
      await page.waitForFunction(() => document.querySelector('#current')?.textContent === 'All runs done', {
        timeout: 150_000,
        polling: 500,
      });
      const states = await page.$$eval('#subjects tbody tr', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-subject'), tr.getAttribute('data-state')]),
      );
      expect(states).toEqual(models.map((m) => [m, 'done']));
      expect(
        await page.$$eval('#comparison tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-subject'))),
      ).toEqual(models);
      expect(await page.$eval('#bar-max-rps', (c) => Number((c as HTMLElement).dataset.bars))).toBe(
        models.length,
      );
      expect(
        await page.$eval('#chart-ramps', (c) => Number((c as HTMLElement).dataset.points)),
      ).toBeGreaterThan(0);
      // The page stays up after the run, linking the files the lab wrote.
      const links = await page.$$eval('#links a', (as) => as.map((a) => a.getAttribute('href')!));
      expect(links).toEqual(expect.arrayContaining(['/files/results.json', '/files/results.csv']));
      expect(links.some((l) => l.endsWith('.pdf'))).toBe(true);
      const json = await fetch(`${address}/files/results.json`);
      expect(json.status).toBe(200);
      expect(((await json.json()) as { week: number }).week).toBe(6);
      expect(errors).toEqual([]);
      expect(await lab).toBe(0);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
