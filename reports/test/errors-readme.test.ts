import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { errorLine, exitCodeFor, LAB_ERRORS, LabError } from '../src/errors.js';

describe('the error catalogue', () => {
  it('the README lists every code with its exit status and meaning', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [code, { exit, meaning }] of Object.entries(LAB_ERRORS)) {
      expect(readme).toContain(`| \`${code}\` | ${exit} | ${meaning} |`);
    }
  });

  it('a known code is its exit status and one CODE: line; anything unexpected is 1', () => {
    const error = new LabError('LAB_PORT_IN_USE', 'port 8080 is already in use');
    expect(exitCodeFor(error)).toBe(3);
    expect(errorLine(error)).toBe('LAB_PORT_IN_USE: port 8080 is already in use');
    expect(exitCodeFor(new TypeError('boom'))).toBe(1);
    expect(errorLine(new TypeError('boom'))).toMatch(/^internal error .*TypeError: boom/s);
  });
});
