import { describe, expect, it } from '@jest/globals';
import { compareSubmissions, SimilarityError } from '../../src/similarity/index.js';
import { fixture, scoreOf } from './helpers.js';

const alice = fixture('python/alice.py');

describe('ids and odd input', () => {
  it('reports ids in NFC, whatever form they arrive in', async () => {
    const nfd = '2019001_배수현'.normalize('NFD');
    const pairs = await compareSubmissions(
      [
        { id: nfd, files: [alice] },
        { id: '2019002_김민준', files: [alice] },
      ],
      { language: 'python' },
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.a).toBe('2019001_배수현'.normalize('NFC'));
    expect(pairs[0]?.a).not.toBe(nfd);
  });

  it('rejects two submissions whose ids are equal after NFC', async () => {
    const id = '2019001_배수현';
    const run = compareSubmissions(
      [
        { id: id.normalize('NFD'), files: [alice] },
        { id: id.normalize('NFC'), files: [alice] },
      ],
      { language: 'python' },
    );
    await expect(run).rejects.toBeInstanceOf(SimilarityError);
    await expect(run).rejects.toMatchObject({ code: 'SIMILARITY_DUPLICATE_ID' });
  });

  it('tokenises replacement characters, NUL, lone surrogates, a BOM and Hangul without throwing', async () => {
    const odd = `\uFEFF${alice.content}\n# 주석 \uFFFD\uFFFD\nname = '배수현\u0000\uD800'\n\u0007 ¿?\n`;
    const pairs = await compareSubmissions(
      [
        { id: 'a', files: [{ path: 'a.py', content: odd }] },
        { id: 'b', files: [{ path: 'b.py', content: odd }] },
        { id: 'c', files: [alice] },
      ],
      { language: 'python' },
    );
    expect(scoreOf(pairs, 'a', 'b')).toBe(1);
    expect(scoreOf(pairs, 'a', 'c')).toBeGreaterThanOrEqual(0.8);
  });

  it('handles a file that is not the language at all', async () => {
    const binaryish = {
      path: 'x.py',
      content: '\u0000\u0001\u0002PK\u0003\u0004 }{ ][ ))) ((( """ \'\'\' '.repeat(50),
    };
    const pairs = await compareSubmissions(
      [
        { id: 'a', files: [binaryish] },
        { id: 'b', files: [alice] },
      ],
      { language: 'python' },
    );
    expect(pairs).toHaveLength(1);
  });

  it.each(['auto', 'child'] as const)(
    'gives a file it cannot tokenise no score and a note, and still scores the rest (%s)',
    async (where) => {
      const nested = { path: 'deep.py', content: `x = ${'('.repeat(30000)}1${')'.repeat(30000)}\n` };
      const pairs = await compareSubmissions(
        [
          { id: 'deep', files: [nested] },
          { id: 'a', files: [alice] },
          { id: 'b', files: [alice] },
        ],
        { language: 'python', tokenizeIn: where },
      );
      expect(scoreOf(pairs, 'a', 'b')).toBe(1);
      const broken = pairs.filter((p) => p.a === 'deep' || p.b === 'deep');
      expect(broken).toHaveLength(2);
      for (const p of broken) {
        expect(p.similarity).toBeNull();
        expect(p.note).toMatch(/could not tokenise deep/);
      }
    },
  );

  it('names the bad option in one error', async () => {
    const run = compareSubmissions([], { language: 'cobol' as 'python', fragmentsFrom: -1 });
    await expect(run).rejects.toMatchObject({ code: 'SIMILARITY_OPTIONS_INVALID' });
    await expect(run).rejects.toThrow(/language.*fragmentsFrom|fragmentsFrom.*language/);
  });
});
