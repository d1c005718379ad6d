import { describe, expect, it } from '@jest/globals';
import type { Tokenized, Unit } from '../../src/similarity/tokenize.js';
import { tokenizeAll } from '../../src/similarity/tokenize-pool.js';

function unitsOf(result: Tokenized | undefined): Unit[] {
  if (result === undefined || 'error' in result) throw new Error(`not tokenised: ${JSON.stringify(result)}`);
  return result.units;
}

const python = [
  'import os',
  '',
  'def f(a, b=2):',
  '    """Doc."""',
  '    # note',
  '    if a > 1: return os.path.join(a, "x")',
  '    return a + b',
  '',
  'print(f(1))',
  '',
].join('\n');

const java = [
  'class A {',
  '  // c',
  '  int m(int x) {',
  '    if (x > 0) return x * 2;',
  '    return Math.abs(x);',
  '  }',
  '}',
  '',
].join('\n');

describe('tokeniser', () => {
  it.each(['auto', 'child'] as const)('turns Python into units of normalised tokens (%s)', async (where) => {
    const units = unitsOf((await tokenizeAll('python', [[{ path: 'a.py', content: python }]], where))[0]);
    expect(units.map((u) => u.tokens.join(' '))).toEqual([
      'def ID ( ID , ID = NUM ) : if ID > NUM : return os . path . join ( ID , STR ) ; } ; return ID + ID ; }',
      'print ( ID ( NUM ) ) ;',
    ]);
    expect(units[0]?.exact.filter((t) => /^(NUM|STR):/.test(t))).toEqual(['NUM:2', 'NUM:1', 'STR:"x"']);
    expect(units[0]?.startLines.at(0)).toBe(3);
    expect(units[0]?.endLines.at(-1)).toBe(7);
    expect(units[1]?.startLines).toEqual(Array(8).fill(9));
  });

  it.each(['auto', 'child'] as const)(
    'turns Java into units, giving a bare if-body braces (%s)',
    async (where) => {
      const units = unitsOf((await tokenizeAll('java', [[{ path: 'A.java', content: java }]], where))[0]);
      expect(units.map((u) => u.tokens.join(' '))).toEqual([
        'int ID ( int ID ) { if ( ID > NUM ) { return ID * NUM ; } return Math . abs ( ID ) ; }',
        'class ID { }',
      ]);
    },
  );

  it('drops Java declarations that only declare, so hoisting them (IR-Plag L3) changes nothing', async () => {
    const method = (body: string) => `class A {\n  double m(Scanner in) {\n${body}\n  }\n}\n`;
    const hoisted = method('    double r = 0;\n    String s;\n    r = in.nextDouble();\n    return r * r;');
    const kept = method('    double r = in.nextDouble();\n    return r * r;');
    const [a, c] = (
      await tokenizeAll(
        'java',
        [hoisted, kept].map((content) => [{ path: 'A.java', content }]),
      )
    ).map((r) => unitsOf(r)[0]?.tokens.join(' '));
    expect(a).toBe('double ID ( Scanner ID ) { ID = ID . nextDouble ( ) ; return ID * ID ; }');
    expect(c).toBe('double ID ( Scanner ID ) { double ID = ID . nextDouble ( ) ; return ID * ID ; }');
  });

  it('keeps the order of jobs when a class is split across processes', async () => {
    const jobs = Array.from({ length: 320 }, (_, i) => [{ path: `s${i}.py`, content: `x = ${i}\n` }]);
    const results = await tokenizeAll('python', jobs, 'child');
    expect(results.map((r) => unitsOf(r)[0]?.exact.join(' '))).toEqual(jobs.map((_, i) => `ID = NUM:${i} ;`));
  });
});
