import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { main } from '../src/cli/main.js';

function memoryIo(out: (text: string) => void = () => {}) {
  const text = { out: '', err: '' };
  return {
    text,
    out: (t: string) => {
      out(t);
      text.out += t;
    },
    err: {
      write: (t: string) => {
        text.err += t;
        return true;
      },
    } as never,
  };
}

const fixture = new URL('./fixtures/week6-results.json', import.meta.url).pathname;

describe('lab CLI, in process', () => {
  it('an unknown flag is exit 2 and one CODE: line', async () => {
    const io = memoryIo();
    expect(await main(['week6', '--bogus'], io)).toBe(2);
    expect(io.text.err).toMatch(/^LAB_OPTION_INVALID: unknown flag --bogus \(see --help\)\n$/);
  });

  it('an output folder that cannot be written is exit 2 and one CODE: line naming it', async () => {
    // A folder below a plain file: no user, root included, can create it.
    const file = join(mkdtempSync(join(tmpdir(), 'lab-cli-')), 'file');
    writeFileSync(file, '');
    const io = memoryIo();
    expect(await main(['report', fixture, '--out', join(file, 'out')], io)).toBe(2);
    expect(io.text.err).toMatch(
      /^LAB_OUTPUT: cannot write [^\n]*file\/out\/results\.json: [^\n]*ENOTDIR[^\n]*\n$/,
    );
  });

  it('a lab run with an output folder that cannot be written stops with exit 2 before any server starts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab-cli-')), 'file');
    writeFileSync(file, '');
    const io = memoryIo();
    expect(await main(['week6', '--quick', '--out', join(file, 'out')], io)).toBe(2);
    expect(io.text.err).toMatch(/^LAB_OUTPUT: cannot write [^\n]*file\/out: [^\n]*ENOTDIR[^\n]*\n$/);
    expect(io.text.out).not.toMatch(/pre-flight|single/);
  });

  it('anything unexpected is exit 1, named as a bug', async () => {
    const io = memoryIo(() => {
      throw new Error('stdout closed');
    });
    expect(await main(['--help'], io)).toBe(1);
    expect(io.text.err).toMatch(/^internal error \(a bug, please report it\): Error: stdout closed/);
  });
});
