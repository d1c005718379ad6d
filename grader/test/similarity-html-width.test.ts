import { describe, expect, it } from '@jest/globals';
import { launchChromium } from '@netlab/kit';
import { similarityHtml } from '../src/outputs/similarity-html.js';

/** The page's laid-out width in a headless Chromium window `width` pixels wide. */
async function laidOutWidth(html: string, width: number): Promise<number> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    await page.setContent(html);
    // A string, evaluated in the page: this package's TypeScript has no DOM types.
    return Number(await page.evaluate('document.documentElement.scrollWidth'));
  } finally {
    await browser.close();
  }
}

describe('similarity.html in a browser', () => {
  it('shows names beside ids and fits a 1,280 px window even with a 400-character line', async () => {
    const code = `x = "${'a'.repeat(400)}"\n${Array.from({ length: 20 }, (_, i) => `line_${i} = ${i}`).join('\n')}`;
    const span = { file: 'server.py', startLine: 1, endLine: 3 };
    const html = similarityHtml(
      [{ a: '2019000008', b: '2019000009', similarity: 0.9, fragments: [{ a: span, b: span }] }],
      new Map([
        ['2019000008', [{ path: 'server.py', content: code }]],
        ['2019000009', [{ path: 'server.py', content: code }]],
      ]),
      {
        threshold: 0.8,
        review: 0.5,
        names: new Map([
          ['2019000008', '윤성호'],
          ['2019000009', '장미래'],
        ]),
      },
    );
    expect(html).toContain('2019000008 윤성호 ↔ 2019000009 장미래');
    expect(html).toContain('2019000008 윤성호 (90%)');
    expect(await laidOutWidth(html, 1280)).toBeLessThanOrEqual(1280);
  }, 120_000);
});
