import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LOADTEST_ERRORS, main } from '../src/index.js';
import { memoryIo as io } from './helpers/memory-io.js';

describe('error catalogue', () => {
  it('the README lists every code with its exit status and meaning', () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    for (const [code, { exit, meaning }] of Object.entries(LOADTEST_ERRORS)) {
      expect(readme).toContain(`| \`${code}\` | ${exit} | ${meaning} |`);
    }
  });

  it('bad input is one CODE: line and its exit status, in process', async () => {
    const cli = io();
    expect(await main(['--host', 'http://127.0.0.1:1', '--bogus'], cli)).toBe(2);
    expect(cli.text.err).toBe('LOADTEST_OPTIONS_INVALID: unknown flag --bogus (see --help)\n');
  });

  it('anything unexpected is exit 1, named as a bug', async () => {
    const cli = io({
      out: () => {
        throw new Error('stdout closed');
      },
    });
    expect(await main(['--help'], cli)).toBe(1);
    expect(cli.text.err).toMatch(/^internal error \(a bug, please report it\): Error: stdout closed/);
  });
});
