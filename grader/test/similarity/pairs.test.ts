import { describe, expect, it } from '@jest/globals';
import { compareSubmissions, type PairScore } from '../../src/similarity/index.js';
import { submission } from './helpers.js';

const subs = [
  submission('s4', 'python/bob.py'),
  submission('s1', 'python/alice.py'),
  submission('s3', 'python/alice-disguised.py'),
  submission('s2', 'python/carol-template-only.py'),
];

describe('pair listing', () => {
  it('lists every pair once with a < b, highest score first', async () => {
    const pairs = await compareSubmissions(subs, { language: 'python' });
    expect(pairs).toHaveLength(6);
    const keys = pairs.map((p) => `${p.a}|${p.b}`);
    expect(new Set(keys).size).toBe(6);
    for (const p of pairs) expect(p.a < p.b).toBe(true);
    const scores = pairs.map((p) => p.similarity ?? -1);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(pairs[0]).toMatchObject({ a: 's1', b: 's3' });
  });

  it('puts unscored pairs last and breaks ties by ids', async () => {
    const same = [
      submission('b', 'python/alice.py'),
      submission('c', 'python/alice.py'),
      submission('a', 'python/alice.py'),
    ];
    const tiny = { id: 'z', files: [{ path: 'z.py', content: 'x = 1\n' }] };
    const pairs = await compareSubmissions([...same, tiny], { language: 'python' });
    expect(pairs.map((p) => `${p.a}${p.b}:${p.similarity}`)).toEqual([
      'ab:1',
      'ac:1',
      'bc:1',
      'az:null',
      'bz:null',
      'cz:null',
    ]);
  });

  it('is deterministic', async () => {
    const strip = (pairs: PairScore[]) => JSON.stringify(pairs);
    expect(strip(await compareSubmissions(subs, { language: 'python' }))).toBe(
      strip(await compareSubmissions([...subs].reverse(), { language: 'python' })),
    );
  });

  it('carries fragments only for pairs at or above fragmentsFrom', async () => {
    const pairs = await compareSubmissions(subs, { language: 'python', fragmentsFrom: 0.9 });
    for (const p of pairs) {
      if (p.similarity !== null && p.similarity >= 0.9) expect(p.fragments.length).toBeGreaterThan(0);
      else expect(p.fragments).toEqual([]);
    }
  });
});
