import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main } from '../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function memoryIo(out: (text: string) => void = () => {}) {
  const text = { out: '', err: '' };
  return {
    text,
    out: (t: string) => {
      out(t);
      text.out += t;
    },
    err: (t: string) => {
      text.err += t;
    },
  };
}

describe('serve CLI errors, in process', () => {
  it('an unknown flag is exit 2 and one CODE: line', async () => {
    const io = memoryIo();
    expect(await main(['http', '--bogus'], io)).toBe(2);
    expect(io.text.err).toMatch(/^SERVER_BAD_ARGS: http: unknown flag --bogus \(see --help\)\n$/);
  });

  it('an attendance CSV that cannot be written is exit 2 and one CODE: line naming it', async () => {
    // A file below a plain file: no user, root included, can create it.
    writeFileSync(join(dir, 'file'), '');
    const out = join(dir, 'file', 'attendance.csv');
    const io = memoryIo();
    expect(await main(['attendance', '--port', '0', '--code', '1234', '--out', out], io)).toBe(2);
    expect(io.text.err).toMatch(
      /^SERVER_OUTPUT_INVALID: cannot write [^\n]*file\/attendance\.csv: [^\n]*\n$/,
    );
  });

  it('anything unexpected is exit 1, named as a bug', async () => {
    const io = memoryIo(() => {
      throw new Error('stdout closed');
    });
    expect(await main(['--help'], io)).toBe(1);
    expect(io.text.err).toMatch(/^internal error \(a bug, please report it\): Error: stdout closed/);
  });
});
