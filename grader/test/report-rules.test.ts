import { describe, expect, it } from '@jest/globals';
import { expectedReportName, findSections, matchesReportName } from '../src/checks/report-rules.js';

describe('findSections', () => {
  const sections = [['과제목표', '과제 목표', 'Goal'], ['코드 설명', 'Code explanation'], ['리뷰']];

  it('matches headings ignoring whitespace and case, Hangul in NFD too', () => {
    const text = `1. 과 제 목 표\n${'코드설명'.normalize('NFD')}\nCODE EXPLANATION`;
    expect(findSections(text, sections)).toEqual({ found: ['과제목표', '코드 설명'], missing: ['리뷰'] });
  });

  it('accepts any of the listed headings', () => {
    expect(findSections('Goal of the lab', sections).found).toEqual(['과제목표']);
  });

  it('finds nothing in an empty text', () => {
    expect(findSections('', sections).missing).toHaveLength(3);
  });
});

describe('report name', () => {
  const pattern = 'CN_6_{studentId}_{name}.pdf';

  it.each<[string, string, string, boolean]>([
    ['CN_6_2017123422_배준현.pdf', '2017123422', '배준현', true],
    ['CN_6_2017123422_배준현.PDF', '2017123422', '배준현', true],
    ['CN_6_2017123422_배준현.pdf'.normalize('NFD'), '2017123422', '배준현', true],
    ['CN_6_2017123422_ 배준현.pdf', '2017123422', '배준현', true],
    ['CN_6_2017123422_김철수.pdf', '2017123422', '배준현', false],
    ['CN_6_2017123499_배준현.pdf', '2017123422', '배준현', false],
    ['CN6_2017123422_배준현.pdf', '2017123422', '배준현', false],
    ['report.pdf', '2017123422', '배준현', false],
    ['CN_6_2017123422_아무개.pdf', '2017123422', '', true],
    ['CN_6_2017123422_.pdf', '2017123422', '', false],
  ])('%s for %s %s → %s', (file, id, name, ok) => {
    expect(matchesReportName(file, pattern, id, name)).toBe(ok);
  });

  it('spells out the expected name', () => {
    expect(expectedReportName(pattern, '2017123422', '배준현')).toBe('CN_6_2017123422_배준현.pdf');
  });
});
