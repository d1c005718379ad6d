import { launchChromium } from './chromium.js';

export interface ScreenshotOptions {
  width?: number;
  /** The window's height; with `fullPage` the picture is as tall as the page. */
  height?: number;
  fullPage?: boolean;
  /** Time after the page's load event, for charts a page draws with scripts (Locust's report animates them). */
  settleMs?: number;
}

/** A PNG of a page as headless Chromium renders it (the kit's `launchChromium`), for README figures and tests. */
export async function screenshot(url: string, file: string, options: ScreenshotOptions = {}): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: options.width ?? 1280, height: options.height ?? 800 });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 500));
    await page.screenshot({ path: file as `${string}.png`, fullPage: options.fullPage ?? false });
  } finally {
    await browser.close();
  }
}
