import { describe, expect, it } from '@jest/globals';
import { maskName, maskStudentId } from '../src/mask.js';

describe('maskStudentId', () => {
  it.each([
    ['2017123422', '2017****22'],
    ['201712345', '2017***45'],
    ['20171234', '2017**34'],
    ['12345', '1***5'],
    ['123', '***'],
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskStudentId(id)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['배준현', '배*현'],
    ['김철', '김*'],
    ['남궁민수', '남**수'],
    ['이', '*'],
    ['Alice', 'A***e'],
    ['Al', 'A*'],
    ['Alice Kim', 'A***e K*m'],
    ['  배준현 ', '배*현'],
    ['배준현'.normalize('NFD'), '배*현'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
