import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { errorLine, exitCodeFor, SERVE_ERRORS, ServeError } from '../src/errors.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the error catalogue', () => {
  it.each(Object.entries(SERVE_ERRORS))('README lists %s with its exit status', (code, { exit }) => {
    expect(README).toMatch(new RegExp(`^\\| \`${code}\` \\| ${exit} \\|`, 'm'));
  });

  it('maps each code to its exit status and one line starting with the code', () => {
    const error = new ServeError('SERVER_PORT_IN_USE', 'port 8080 on 127.0.0.1 is already in use');
    expect(exitCodeFor(error)).toBe(3);
    expect(errorLine(error)).toBe('SERVER_PORT_IN_USE: port 8080 on 127.0.0.1 is already in use');
  });

  it('maps anything unexpected to 1', () => {
    expect(exitCodeFor(new TypeError('boom'))).toBe(1);
    expect(errorLine(new TypeError('boom'))).toMatch(/^internal error .*TypeError: boom/s);
  });
});
