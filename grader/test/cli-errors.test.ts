import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main } from '../src/cli.js';
import { captureIo } from './fixtures/capture-io.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('grader CLI errors, in process', () => {
  it('an unknown flag is exit 2 and one CODE: line', async () => {
    const { io, out } = captureIo();
    expect(await main(['check', os.tmpdir(), '--bogus'], io)).toBe(2);
    expect(out.stderr).toMatch(/^GRADER_USAGE: unknown flag --bogus \(see --help\)\n$/);
  });

  it('an output folder that cannot be written is exit 2 and one CODE: line naming it, before anyone is graded', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'grader-cli-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'submissions', '2019000001_김민준'), { recursive: true });
    await writeFile(path.join(dir, 'submissions', '2019000001_김민준', 'server.py'), 'print("hi")\n');
    // A folder below a plain file: no user, root included, can create it.
    await writeFile(path.join(dir, 'file'), '');
    const { io, out } = captureIo();
    const argv = ['check', path.join(dir, 'submissions'), '--assignment', 'week2', '--no-run'];
    expect(await main([...argv, '--out', path.join(dir, 'file', 'out')], io)).toBe(2);
    expect(out.stderr).toMatch(
      /^GRADER_OUTPUT_FAILED: cannot write [^\n]*file\/out \(ENOTDIR\): choose another --out\n$/,
    );
    expect(out.stdout).not.toMatch(/2019000001/);
  });

  it('anything unexpected is exit 1, named as a bug', async () => {
    const { io, out } = captureIo();
    io.stdout.write = () => {
      throw new Error('stdout closed');
    };
    expect(await main(['spec', 'week6'], io)).toBe(1);
    expect(out.stderr).toMatch(/^internal error \(a bug, please report it\): Error: stdout closed/);
  });
});
