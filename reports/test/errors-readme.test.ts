import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { EXIT_CODES } from '../src/errors.js';

describe('the error catalogue', () => {
  it('lists every code with its exit code in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = new Map(
      [...readme.matchAll(/^\| `(LAB_[A-Z_]+)` +\| (\d+) +\|/gm)].map((m) => [m[1], Number(m[2])]),
    );
    expect(Object.fromEntries(rows)).toEqual(EXIT_CODES);
  });
});
