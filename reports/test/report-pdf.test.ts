import { describe, expect, it } from '@jest/globals';
import { chartsFor } from '../src/output/charts.js';
import { wrapCode } from '../src/report/pdf-writer.js';
import { figureCount, renderReport, SECTIONS } from '../src/report/render-report.js';
import { week6Fixture } from './fixtures.js';
import { readPdf } from './pdf-content.js';

describe('the PDF report', () => {
  const results = week6Fixture();
  const charts = chartsFor(results);
  let pdf: Buffer;
  let content: Awaited<ReturnType<typeof readPdf>>;

  it('renders and parses back', async () => {
    pdf = await renderReport({ results, charts, command: 'pnpm lab:week6 --quick' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    content = await readPdf(pdf);
    expect(content.pages).toBeGreaterThanOrEqual(4);
  });

  it('has the course sections, in order, with Hangul text extracted intact', () => {
    const positions = Object.values(SECTIONS).map((s) => content.text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(content.text).toContain('컴퓨터네트워크 6주차 실습 보고서');
    expect(content.text).toContain('배수현');
    expect(content.text).toContain('2017123422');
    // No replacement characters or empty boxes where glyphs were missing.
    expect(content.text).not.toMatch(/[\uFFFD\u25A1]/);
  });

  it('contains the comparison table and the analysis written from the numbers', () => {
    expect(content.text).toContain('9,800');
    expect(content.text).toMatch(/1위 select/);
    expect(content.text).toContain('generator-bound');
    expect(content.text).toContain('before it was ready');
  });

  it('embeds every chart as a raster figure beside the run capture, so the grader counts them', () => {
    expect(content.text).toContain(`(${charts[0]!.name}.png)`);
    expect(content.images).toBe(charts.length + 1);
    expect(figureCount({ results, charts, command: 'x' })).toBe(content.images);
  });

  it('sets code in one monospace face, whole declarations, never cut with "..."', () => {
    expect(content.text).toContain('export function createSelectServer');
    expect(content.text).not.toMatch(/\.\.\.\s*$/m);
  });

  it('wraps a long code line into rows of the page width, Hangul counted as two columns', () => {
    const line = `# ${'가'.repeat(10)} ${'x'.repeat(30)}`;
    const rows = wrapCode(line, 20);
    expect(rows.join('')).toBe(line);
    expect(rows.map((r) => [...r].reduce((w, ch) => w + (/[가-힣]/.test(ch) ? 2 : 1), 0))).toEqual([
      20, 20, 13,
    ]);
  });

  it('leaves the review for the student, or includes the one given', async () => {
    expect(content.text).toContain('학생이 작성');
    const withReview = await readPdf(
      await renderReport({
        results,
        charts: [],
        command: 'x',
        review: '처음에는 single이 빠른 이유를 몰랐다.',
      }),
    );
    expect(withReview.text).toContain('처음에는 single이 빠른 이유를 몰랐다.');
    expect(withReview.text).not.toContain('학생이 작성');
    expect(withReview.pages).toBeLessThan(content.pages);
  });

  it('records title and author in the PDF metadata', () => {
    expect(content.info.Title).toBe('컴퓨터네트워크 6주차 실습 보고서');
    expect(content.info.Author).toBe('2017123422 배수현');
  });
});
