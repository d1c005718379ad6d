/// <reference lib="dom" />
/**
 * `pnpm --filter @netlab/reports screenshot:web`: runs `lab week6 --quick --web` with the page open in
 * headless Chromium, takes the README's pictures (mid-run, and the final comparison) and writes the
 * README's block naming the run they show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchStamp, freePort, launchChromium, writeReadmeBlock } from '@netlab/kit';
import { main } from '../src/cli/main.js';
import { webViewStderr } from '../test/web-view-url.js';

const docs = join(import.meta.dirname, '../docs');
const readme = join(import.meta.dirname, '../README.md');
const out = mkdtempSync(join(tmpdir(), 'lab-web-shots-'));
const port = await freePort();
const { err, url, text } = webViewStderr();
const started = Date.now();
const lab = main(
  ['week6', '--quick', '--out', out, '--web', '--web-port', String(port), '--web-linger', '10'],
  {
    out: () => {},
    err,
  },
);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto(await url);
  // Mid-run: the third model under load (two seconds of it charted), two already in the comparison.
  await page.waitForFunction(
    () =>
      ['open', 'ramp', 'fixed'].includes(
        document.querySelector('#subjects tbody tr:nth-child(3)')?.getAttribute('data-state') ?? '',
      ) && Number(document.querySelector('#chart-rps')?.getAttribute('data-points')) >= 2,
    { timeout: 300_000, polling: 100 },
  );
  await page.screenshot({ path: join(docs, 'lab-web-live.png'), fullPage: true });
  await page.waitForFunction(() => document.querySelector('#current')?.textContent === 'All runs done', {
    timeout: 300_000,
    polling: 500,
  });
  await page.screenshot({ path: join(docs, 'lab-web-done.png'), fullPage: true });
  const code = await lab;
  if (code !== 0) throw new Error(`the lab exited ${code}: ${text().slice(-500)}`);
  await writeReadmeBlock(
    readme,
    'web-screenshots',
    [
      benchStamp(
        'pnpm --filter @netlab/reports screenshot:web',
        `\`pnpm lab:week6 --quick --web\` in headless Chromium (the lab took ${Math.round((Date.now() - started) / 1000)} s): ` +
          "during the third model's runs, and after the last model.",
      ),
      '',
      '![The lab page during the run](docs/lab-web-live.png)',
      '',
      '![The lab page after the run](docs/lab-web-done.png)',
    ].join('\n'),
  );
} finally {
  await browser.close();
  rmSync(out, { recursive: true, force: true });
}
