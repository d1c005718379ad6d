import { describe, expect, it } from '@jest/globals';
import { launchChromium } from '../src/index.js';

describe('launchChromium', () => {
  it('starts a headless browser that renders a page, with no download', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(
        '<p id="x">rendered</p><script>document.getElementById("x").dataset.ok = "yes"</script>',
      );
      expect(await page.$eval('#x', (p) => p.getAttribute('data-ok'))).toBe('yes');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
