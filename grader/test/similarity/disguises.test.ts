import { describe, expect, it } from '@jest/globals';
import { compareSubmissions } from '../../src/similarity/index.js';
import { fixture, scoreOf, submission } from './helpers.js';

const template = [fixture('python/template.py')];

describe('copies stay visible through disguises', () => {
  it('scores an identical copy 1.0, with and without a template', async () => {
    const subs = [submission('s1', 'python/alice.py'), submission('s2', 'python/alice.py')];
    expect(scoreOf(await compareSubmissions(subs, { language: 'python' }), 's1', 's2')).toBe(1);
    expect(scoreOf(await compareSubmissions(subs, { language: 'python', template }), 's1', 's2')).toBe(1);
  });

  it('keeps renamed identifiers, new comments, docstrings, whitespace and reordered functions at or above 0.8', async () => {
    const subs = [
      submission('orig', 'python/alice.py'),
      submission('disguised', 'python/alice-disguised.py'),
    ];
    expect(
      scoreOf(await compareSubmissions(subs, { language: 'python', template }), 'orig', 'disguised'),
    ).toBeGreaterThanOrEqual(0.8);
  });

  it('scores a reordered copy exactly like the original when nothing else changed', async () => {
    const original = fixture('python/alice.py');
    const blocks = original.content.split(/\n(?=def |if __name__)/);
    const reordered = [blocks[0], ...blocks.slice(1, -1).reverse(), blocks.at(-1)].join('\n');
    expect(reordered).not.toBe(original.content);
    const pairs = await compareSubmissions(
      [
        { id: 'a', files: [original] },
        { id: 'b', files: [{ path: 'b.py', content: reordered }] },
      ],
      { language: 'python' },
    );
    expect(scoreOf(pairs, 'a', 'b')).toBe(1);
  });

  it('finds a Java copy with renamed identifiers, added braces, comments and a moved method', async () => {
    const subs = [
      submission('orig', 'java/Grades.java'),
      submission('copy', 'java/GradesCopy.java'),
      submission('own', 'java/GradesOwn.java'),
    ];
    const pairs = await compareSubmissions(subs, { language: 'java' });
    expect(scoreOf(pairs, 'orig', 'copy')).toBeGreaterThanOrEqual(0.8);
    expect(scoreOf(pairs, 'orig', 'own')).toBeLessThan(0.5);
  });

  it('does not auto-zero two programs that share structure but no literals', async () => {
    const original = fixture('python/alice.py');
    const relabelled = original.content.replace(
      /'([^'\\\n]*)'/g,
      (_, text: string) => `'${text.toUpperCase()}!'`,
    );
    const pairs = await compareSubmissions(
      [
        { id: 'a', files: [original] },
        { id: 'b', files: [{ path: 'b.py', content: relabelled }] },
      ],
      { language: 'python' },
    );
    const score = scoreOf(pairs, 'a', 'b');
    expect(score).toBeLessThan(0.8);
    expect(score).toBeGreaterThanOrEqual(0.5);
  });
});
