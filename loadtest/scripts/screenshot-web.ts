/// <reference lib="dom" />
/**
 * `pnpm --filter @netlab/loadtest screenshot:web`: runs a load against the select reference server
 * with the live page open in headless Chromium, takes the README's pictures of it (statistics and
 * charts tabs) mid-run and writes the README's block naming the run they show.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchStamp, freePort, launchChromium, writeReadmeBlock } from '@netlab/kit';
import { createHttpServer } from '@netlab/servers';
import { createLiveServer, LoadSession, loadRoutes, type LoadView } from '../src/index.js';

const docs = join(import.meta.dirname, '../docs');
const readme = join(import.meta.dirname, '../README.md');
const SHOT_AT_SEC = 14;

const target = createHttpServer({ model: 'select' });
const address = await target.listen(0, '127.0.0.1');
const host = `http://127.0.0.1:${address.port}`;
const tasks = [
  { path: '/', weight: 3 },
  { path: '/style.css', weight: 2 },
  { path: '/logo.png', weight: 1 },
  { path: '/missing.html', weight: 1 },
];
const options = {
  host,
  users: 50,
  spawnRate: 10,
  runTimeSec: 20,
  tasks,
  wait: [0.05, 0.1] as [number, number],
};
let publish: (view: LoadView) => void = () => {};
const session = new LoadSession(options, false, (view) => publish(view));
const live = createLiveServer('netlab loadtest', loadRoutes(session));
publish = (view) => live.publish(view);
const url = await live.listen(await freePort(), '127.0.0.1');
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await page.goto(url);
  const run = session.start(options);
  await sleep(SHOT_AT_SEC * 1000);
  await page.screenshot({ path: join(docs, 'web-statistics.png') });
  await page.click('button[data-tab="Charts"]');
  await sleep(300);
  await page.screenshot({ path: join(docs, 'web-charts.png'), fullPage: true });
  const result = await run;
  await writeReadmeBlock(
    readme,
    'web-screenshots',
    [
      benchStamp(
        'pnpm --filter @netlab/loadtest screenshot:web',
        `The live page in headless Chromium, ${SHOT_AT_SEC} s into a ${options.runTimeSec} s run against the ` +
          'select reference server: 50 users at 10/s, wait 0.05–0.1 s, four paths (one missing, so its 404s ' +
          `are failures); ${result.requests.toLocaleString('en-US')} requests in all.`,
      ),
      '',
      '![Statistics tab during a run](docs/web-statistics.png)',
      '',
      '![Charts tab during a run](docs/web-charts.png)',
    ].join('\n'),
  );
} finally {
  await browser.close();
  await live.close();
  await target.close();
}
