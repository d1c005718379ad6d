import { describe, expect, it } from '@jest/globals';
import { compareSubmissions } from '../../src/similarity/index.js';
import { fixture, pairOf, scoreOf, submission } from './helpers.js';

const template = [fixture('python/template.py')];

describe('template code is excluded per occurrence', () => {
  it('keeps two independent solutions started from the same template under 0.5, and lower than without it', async () => {
    const subs = [submission('alice', 'python/alice.py'), submission('bob', 'python/bob.py')];
    const withTemplate = scoreOf(
      await compareSubmissions(subs, { language: 'python', template }),
      'alice',
      'bob',
    );
    const without = scoreOf(await compareSubmissions(subs, { language: 'python' }), 'alice', 'bob');
    expect(withTemplate).toBeLessThan(0.5);
    expect(withTemplate).toBeLessThan(without);
  });

  it('removes each template occurrence once, so a second copy of a template function counts as own code', async () => {
    const log = (name: string) => `def ${name}(msg):\n    print('[server]', msg, flush=True)\n\n`;
    const own = 'def add(a, b):\n    total = a + b\n    return total * 2 if total > 10 else total\n';
    const file = (content: string) => [{ path: 's.py', content }];
    const subs = [
      { id: 'twice', files: file(log('log') + log('log_again') + own) },
      { id: 'twice-copy', files: file(log('log') + log('log_again') + own) },
      { id: 'once', files: file(log('log') + own) },
    ];
    const pairs = await compareSubmissions(subs, {
      language: 'python',
      template: file(log('log')),
      minKgrams: 1,
    });
    expect(scoreOf(pairs, 'twice', 'twice-copy')).toBe(1);
    expect(scoreOf(pairs, 'twice', 'once')).toBeLessThan(0.9);
  });

  it('gives no score and a note when too little non-template code is left', async () => {
    const subs = [
      submission('alice', 'python/alice.py'),
      submission('carol', 'python/carol-template-only.py'),
    ];
    const pair = pairOf(await compareSubmissions(subs, { language: 'python', template }), 'alice', 'carol');
    expect(pair.similarity).toBeNull();
    expect(pair.note).toMatch(/too little non-template code.*carol/);
    expect(pair.fragments).toEqual([]);
  });

  it('gives no score for a submission with no code at all', async () => {
    const subs = [submission('alice', 'python/alice.py'), { id: 'empty', files: [] }];
    const pair = pairOf(await compareSubmissions(subs, { language: 'python' }), 'alice', 'empty');
    expect(pair.similarity).toBeNull();
    expect(pair.note).toContain('empty has 0');
  });
});
