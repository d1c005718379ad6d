import { describe, expect, it } from '@jest/globals';
import { compareSubmissions, type Fragment } from '../../src/similarity/index.js';
import { fixture, functionLines, pairOf } from './helpers.js';

const original = fixture('python/alice.py');
const disguised = fixture('python/alice-disguised.py');

function within(span: Fragment['a'], range: { start: number; end: number }): boolean {
  return span.startLine >= range.start && span.endLine <= range.end;
}

describe('fragments', () => {
  it('point at the matching functions in each file, even when renamed and moved', async () => {
    const pairs = await compareSubmissions(
      [
        { id: 'a', files: [original] },
        { id: 'b', files: [disguised] },
      ],
      { language: 'python', template: [fixture('python/template.py')] },
    );
    const { fragments } = pairOf(pairs, 'a', 'b');
    const pairsOfFunctions: [string, string][] = [
      ['content_type', 'guess_type'],
      ['build_response', 'make_reply'],
      ['read_request', 'receive_all'],
      ['handle', 'handle'],
    ];
    for (const [inA, inB] of pairsOfFunctions) {
      const a = functionLines(original, inA);
      const b = functionLines(disguised, inB);
      const match = fragments.find((f) => within(f.a, a) && within(f.b, b));
      expect(match).toBeDefined();
      expect(match?.a.file).toBe(original.path);
      expect(match?.b.file).toBe(disguised.path);
    }
    for (const f of fragments) {
      expect(f.a.startLine).toBeLessThanOrEqual(f.a.endLine);
      expect(f.b.startLine).toBeLessThanOrEqual(f.b.endLine);
    }
  });

  it('cover an identical copy line for line', async () => {
    const pairs = await compareSubmissions(
      [
        { id: 'a', files: [original] },
        { id: 'b', files: [{ path: 'copy.py', content: original.content }] },
      ],
      { language: 'python' },
    );
    const { fragments } = pairOf(pairs, 'a', 'b');
    expect(fragments.length).toBeGreaterThan(0);
    for (const f of fragments) {
      expect(f.b.file).toBe('copy.py');
      expect([f.b.startLine, f.b.endLine]).toEqual([f.a.startLine, f.a.endLine]);
    }
    const handle = functionLines(original, 'handle');
    expect(fragments.some((f) => f.a.startLine === handle.start && f.a.endLine === handle.end)).toBe(true);
  });

  it('name the file of a multi-file submission the match is in', async () => {
    const helper = { path: 'helpers.py', content: fixture('python/bob.py').content };
    const pairs = await compareSubmissions(
      [
        { id: 'a', files: [original, helper] },
        {
          id: 'b',
          files: [
            { path: 'main.py', content: original.content },
            { ...helper, path: 'util.py' },
          ],
        },
      ],
      { language: 'python' },
    );
    const { fragments } = pairOf(pairs, 'a', 'b');
    expect(fragments.some((f) => f.a.file === 'helpers.py' && f.b.file === 'util.py')).toBe(true);
    expect(fragments.some((f) => f.a.file === original.path && f.b.file === 'main.py')).toBe(true);
    expect(fragments.every((f) => (f.a.file === 'helpers.py') === (f.b.file === 'util.py'))).toBe(true);
  });
});
