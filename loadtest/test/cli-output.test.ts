import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main } from '../src/index.js';
import { memoryIo as io } from './helpers/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'loadtest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an output that cannot be written', () => {
  it('is exit 2 and one CODE: line before any load is sent', async () => {
    // A file below a plain file: no user, root included, can create it.
    writeFileSync(join(dir, 'file'), '');
    const json = join(dir, 'file', 'out.json');
    const cli = io();
    expect(await main(['--host', 'http://127.0.0.1:1', '-u', '1', '-n', '1', '--json', json], cli)).toBe(2);
    expect(cli.text.err).toMatch(
      /^LOADTEST_OPTIONS_INVALID: --json [^\n]*file\/out\.json: [^\n]*not writable\n$/,
    );
    expect(cli.text.out).toBe('');
  });
});
