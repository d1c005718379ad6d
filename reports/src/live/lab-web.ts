import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLiveServer, type LabView, type Routes } from '@netlab/loadtest';
import { messageOf } from '@netlab/kit';
import { LabError } from '../errors.js';
import type { LabOptions } from '../lab/options.js';
import type { Outputs } from '../write-outputs.js';
import { LabViewState } from './lab-view-state.js';
import type { StressObserver } from '../lab/stress-observer.js';

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface LabWeb {
  url: string;
  observer: StressObserver;
  /** Shows the final comparison and links each written file. */
  finished(outputs: Outputs): void;
  /** Keeps the page up `lingerSec` seconds, or until Ctrl-C ends the process (null), then closes it. */
  linger(lingerSec: number | null): Promise<void>;
  close(): Promise<void>;
}

/** The lab's live page: the load runner's page server showing the lab's view, then its files. */
export async function startLabWeb(options: LabOptions, web: NonNullable<LabOptions['web']>): Promise<LabWeb> {
  const routes: Routes = {};
  let publish: (view: LabView) => void = () => {};
  const state = new LabViewState(`lab week${options.week}${options.quick ? ' --quick' : ''}`, (v) =>
    publish(v),
  );
  const server = createLiveServer(`netlab lab week${options.week}`, routes);
  publish = (view) => server.publish(view);
  let url: string;
  try {
    url = await server.listen(web.port, web.host);
  } catch (error) {
    throw new LabError('LAB_WEB_PORT_BUSY', messageOf(error));
  }
  publish(state.view());
  return {
    url,
    observer: state,
    finished(outputs) {
      const files = [
        outputs.pdf,
        outputs.json,
        outputs.csv,
        ...outputs.charts.filter((f) => f.endsWith('.png')),
      ];
      const links = files.map((file) => {
        const href = `/files/${encodeURIComponent(basename(file))}`;
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        routes[`GET ${href}`] = async (_req, res) => {
          const body = await readFile(file);
          res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
          res.end(body);
        };
        return { label: basename(file), href };
      });
      state.finished(links);
    },
    async linger(lingerSec) {
      await (lingerSec === null ? new Promise<never>(() => {}) : sleep(lingerSec * 1000));
    },
    close: () => server.close(),
  };
}
