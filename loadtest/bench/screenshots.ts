/**
 * `pnpm --filter @netlab/loadtest screenshots`: one scenario run by Locust (Debian's /usr/bin/locust, `--html`) and by
 * netlab against the same reference server, both reports pictured by headless Chromium (the kit's launchChromium) into
 * docs/, and the README's "HTML report" block written from the two runs. Needs locust and chromium on this machine.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchStamp, screenshot, writeReadmeBlock } from '@netlab/kit';
import { createHttpServer, DEFAULT_ROOT } from '@netlab/servers';
import { exportLocustfile, locustPlan, parseScenario, renderHtml, runLoad } from '../src/index.js';
import { type HtmlTable, htmlTables } from '../test/helpers/html-tables.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const README = join(HERE, '..', 'README.md');
const DOCS = join(HERE, '..', 'docs');
const USERS = 10;
const SECONDS = 10;
const WAIT: [number, number] = [0.05, 0.1];
const SCENARIO = parseScenario(
  [
    'tasks:',
    '  - { name: home, path: /, weight: 3 }',
    '  - { path: /style.css, weight: 1 }',
    '  - { path: /missing.html, weight: 1 }',
  ].join('\n'),
);

/** Locust runs as a child while this process serves: the server lives on this event loop, so never a sync spawn. */
async function runLocust(url: string, dir: string): Promise<string> {
  const file = join(dir, 'locustfile.py');
  writeFileSync(file, exportLocustfile(locustPlan({ tasks: SCENARIO.tasks, wait: WAIT })));
  const html = join(dir, 'locust.html');
  const args = [
    '-f',
    file,
    '--headless',
    '--host',
    url,
    '-u',
    `${USERS}`,
    '-r',
    `${USERS}`,
    '-t',
    `${SECONDS}s`,
  ];
  // Locust exits 1 when any request failed (its --exit-code-on-error): the 404s here are meant.
  const status = await new Promise<number | null>((resolve) => {
    const options = { timeout: (SECONDS + 60) * 1000 };
    execFile('/usr/bin/locust', [...args, '--html', html, '--only-summary'], options, (error) =>
      resolve(error ? (typeof error.code === 'number' ? error.code : null) : 0),
    );
  });
  if (status !== 0 && status !== 1) throw new Error(`locust failed (exit ${status})`);
  return html;
}

/**
 * A report's Aggregated rows as the page shows them: requests, fails and RPS from Request Statistics, 50%ile and
 * 95%ile from Response Time Statistics (both pages put them in that order, Locust's columns by name).
 */
function aggregated(html: string): string[] {
  const [stats, times] = htmlTables(html);
  const total = (t: HtmlTable | undefined) => t?.rows.find((r) => r[1] === 'Aggregated') ?? [];
  const cell = (t: HtmlTable | undefined, name: string) => total(t)[t?.head.indexOf(name) ?? -1] ?? '?';
  return [
    cell(stats, '# Requests'),
    cell(stats, '# Fails'),
    cell(stats, 'RPS'),
    cell(times, '50%ile (ms)'),
    cell(times, '95%ile (ms)'),
  ];
}

const row = (who: string, html: string) =>
  `| ${who} | ${aggregated(readFileSync(html, 'utf8')).join(' | ')} |`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-screens-'));
  mkdirSync(DOCS, { recursive: true });
  const server = createHttpServer({
    model: 'threadpool',
    root: DEFAULT_ROOT,
    keepAlive: true,
    log: () => {},
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  try {
    const locustHtml = await runLocust(url, dir);
    const netlab = await runLoad({
      host: url,
      users: USERS,
      spawnRate: USERS,
      runTimeSec: SECONDS,
      wait: WAIT,
      tasks: SCENARIO.tasks,
    });
    const netlabHtml = join(dir, 'netlab.html');
    writeFileSync(netlabHtml, renderHtml(netlab));
    await screenshot(pathToFileURL(locustHtml).href, join(DOCS, 'locust-report.png'), {
      fullPage: true,
      settleMs: 2000,
    });
    await screenshot(pathToFileURL(netlabHtml).href, join(DOCS, 'netlab-report.png'), { fullPage: true });
    const block = [
      benchStamp('pnpm --filter @netlab/loadtest screenshots'),
      '',
      `One scenario (\`/\` weight 3, \`/style.css\` 1, \`/missing.html\` 1 → 404; ${USERS} users, wait ${WAIT[0]}–${WAIT[1]} s,`,
      `${SECONDS} s) against netlab's threadpool server on 127.0.0.1, run by Locust 2.12 (\`--html\`) and by netlab (\`--html\`),`,
      'pictured by headless Chromium.',
      '',
      "Each report's Aggregated rows, read back from its page (both count every outcome, failures included; Locust's",
      "times also hold its Python client's own work per request, see Benchmark):",
      '',
      '| report | # Requests | # Fails | RPS | 50%ile (ms) | 95%ile (ms) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row('Locust 2.12', locustHtml),
      row('netlab', netlabHtml),
      '',
      "| Locust's own report | netlab's report |",
      '| --- | --- |',
      '| ![Locust 2.12 --html](docs/locust-report.png) | ![netlab --html](docs/netlab-report.png) |',
    ].join('\n');
    await writeReadmeBlock(README, 'screenshots', block);
    process.stdout.write(`${block}\n`);
  } finally {
    await server.close();
  }
}

await main();
