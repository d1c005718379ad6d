import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ScreenshotOptions {
  width?: number;
  height?: number;
  /** Debian's `chromium` by default; netlab never downloads a browser. */
  chromium?: string;
  /** Time the page's scripts get before the picture (virtual time: a fetch answered sooner ends it sooner). */
  budgetMs?: number;
}

/**
 * A PNG of a page as headless Chromium renders it, for README figures and tests that need a real screenshot.
 * Each call uses its own profile folder, so Chromiums run by others at the same time cannot lock it.
 */
export async function screenshot(url: string, file: string, options: ScreenshotOptions = {}): Promise<void> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'netlab-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `--virtual-time-budget=${options.budgetMs ?? 3000}`,
    `--window-size=${options.width ?? 1280},${options.height ?? 800}`,
    `--screenshot=${path.resolve(file)}`,
    url,
  ];
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(options.chromium ?? 'chromium', args, { timeout: 120_000 }, (error, _out, stderr) =>
        error ? reject(new Error(`chromium failed: ${error.message} ${stderr.slice(-300)}`)) : resolve(),
      ),
    );
    if (!(await stat(file)).size) throw new Error(`chromium wrote an empty ${file}`);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
