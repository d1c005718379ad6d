import { describe, expect, it } from '@jest/globals';
import { builtinSpec } from '@netlab/assignments';
import { SECTIONS } from '../src/report/render-report.js';
import { reportShortfalls } from '../src/report/spec-fit.js';

const spec = builtinSpec('week6').report;
const student = { id: '2017123422', name: '배수현' };
const good = {
  headings: Object.values(SECTIONS),
  images: 7,
  fileName: 'CN_6_2017123422_배수현.pdf',
  student,
};

describe('the lab checks its report against the week spec', () => {
  it('has nothing to say about a report that passes', () => {
    expect(reportShortfalls(spec, good)).toEqual([]);
  });

  it('warns of too few figures, a missing section and an unnamed report', () => {
    const problems = reportShortfalls(spec, {
      headings: [SECTIONS.goal, SECTIONS.results],
      images: 1,
      fileName: 'CN_6_report.pdf',
      student: null,
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('코드 설명');
    expect(problems[1]).toContain('그림 1개, 과제 기준은 4개 이상');
    expect(problems[2]).toContain('--student');
  });

  it('compares the file name in NFC (macOS hands over NFD Hangul)', () => {
    expect(reportShortfalls(spec, { ...good, fileName: good.fileName.normalize('NFD') })).toEqual([]);
    expect(reportShortfalls(spec, { ...good, fileName: 'CN_6_2017123422.pdf' })[0]).toContain('파일 이름');
  });
});
