import { existsSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';

/** Debian's package (`apt-get install chromium`); elsewhere the browser inside the npm package. */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * A headless Chromium for browser tests and page screenshots, never downloaded at run time:
 * Debian's when installed and able to start, else the one shipped inside `@sparticuz/chromium`
 * (unpacked to /tmp).
 * `--no-sandbox` because CI runs as root, where Chromium's sandbox refuses to start.
 */
export async function launchChromium(): Promise<Browser> {
  // Loaded here, not at the top: most users of the kit never start a browser.
  const { default: puppeteer } = await import('puppeteer-core');
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) {
    try {
      return await puppeteer.launch({
        executablePath: system,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
    } catch {
      // A stub that cannot start (Ubuntu's snap wrapper without snapd): the packaged browser instead.
    }
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  return puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  });
}
