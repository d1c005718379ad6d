import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  argsProblem,
  CodedError,
  errorCatalogue,
  escapeHtml,
  flagName,
  freePort,
  isLoopback,
  writableDir,
  writeFileAtomic,
  benchStamp,
  writeReadmeBlock,
  zodIssuesLine,
} from '../src/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'netlab-kit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writableDir', () => {
  it('makes the folder and its parents and leaves nothing in it', async () => {
    const out = path.join(dir, 'run', 'out');
    await writableDir(out);
    expect(readdirSync(out)).toEqual([]);
  });

  it("fails with the file system's error where no folder can be", async () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, '');
    await expect(writableDir(path.join(file, 'out'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('writeFileAtomic', () => {
  it('creates the folder and writes the whole file, leaving no temp file', async () => {
    const file = path.join(dir, 'a', 'b', '결과.csv');
    await writeFileAtomic(file, '학번,점수\n');
    expect(readFileSync(file, 'utf8')).toBe('학번,점수\n');
    expect(readdirSync(path.dirname(file))).toEqual(['결과.csv']);
  });

  it('keeps the old file and removes its temp file when the write fails', async () => {
    const folder = path.join(dir, 'locked');
    const file = path.join(folder, 'grades.csv');
    await writeFileAtomic(file, 'old');
    // The rename fails onto a folder: the old content must survive and no temp file be left.
    await expect(writeFileAtomic(folder, 'new')).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with the file system error on a read-only folder', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: a file in place of the folder fails for everyone.
      writeFileSync(path.join(dir, 'plain'), '');
      await expect(writeFileAtomic(path.join(dir, 'plain', 'x.csv'), 'x')).rejects.toMatchObject({
        code: expect.stringMatching(/ENOTDIR|EEXIST/),
      });
    } else {
      const folder = path.join(dir, 'ro');
      await writeFileAtomic(path.join(folder, 'keep'), '');
      chmodSync(folder, 0o555);
      await expect(writeFileAtomic(path.join(folder, 'x.csv'), 'x')).rejects.toMatchObject({
        code: 'EACCES',
      });
    }
  });
});

describe('zodIssuesLine', () => {
  const schema = z.object({
    idleTimeout: z.number().min(10),
    checks: z.array(z.object({ status: z.number() })),
  });
  const issues = schema.safeParse({ idleTimeout: 1, checks: [{ status: 'x' }] }).error!.issues;

  it('names every problem in one line, by spec path', () => {
    const line = zodIssuesLine(issues);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^idleTimeout: .*; checks\[0\]\.status: /);
  });

  it('names command-line options as flags', () => {
    expect(zodIssuesLine(issues, flagName)).toMatch(/^--idle-timeout: .*; --checks: /);
  });
});

describe('escapeHtml', () => {
  it('escapes what could open a tag or close an attribute', () => {
    expect(escapeHtml(`<b title="x" data-y='z'>A & B</b>`)).toBe(
      '&lt;b title=&quot;x&quot; data-y=&#39;z&#39;&gt;A &amp; B&lt;/b&gt;',
    );
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.3.2.1', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['http://127.0.0.1:8080/', true],
    ['http://[::1]:80', true],
    ['http://LOCALHOST', true],
    ['10.0.0.2', false],
    ['http://192.168.0.10:8080', false],
    ['127.example.com', false],
    ['http://127.0.0.1.nip.io', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('freePort', () => {
  it('gives a port that can then be bound on 127.0.0.1', async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.close();
    expect(port).toBeGreaterThan(0);
  });
});

describe('writeReadmeBlock', () => {
  it('replaces only the marked block, and refuses a README without it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kit-readme-')), 'README.md');
    writeFileSync(file, '# T\n<!-- figures:begin -->\nold\n<!-- figures:end -->\nafter\n');
    const body = `${benchStamp('pnpm bench --readme', 'One try.')}\n\n| a | 1 |`;
    await writeReadmeBlock(file, 'figures', body);
    expect(readFileSync(file, 'utf8')).toBe(
      `# T\n<!-- figures:begin -->\n${body}\n<!-- figures:end -->\nafter\n`,
    );
    await expect(writeReadmeBlock(file, 'other', body)).rejects.toThrow(/no <!-- other:begin -->/);
    rmSync(path.dirname(file), { recursive: true });
  });

  it('refuses figures that do not say which run made them', async () => {
    await expect(writeReadmeBlock('/nonexistent/README.md', 'figures', '| a | 1 |')).rejects.toThrow(
      /benchStamp/,
    );
  });

  it('stamps the command, the date and the machine', () => {
    const stamp = benchStamp('pnpm bench --readme', 'Best of 3.');
    expect(stamp).toMatch(
      /^Generated by `pnpm bench --readme` on \d{4}-\d\d-\d\d: \d+ cores \(.+\), Node v\d+\.\d+\.\d+, load average \d+\.\d\d\. Best of 3\.$/,
    );
  });
});

describe('errorCatalogue', () => {
  const { exitCodeFor, errorLine } = errorCatalogue({ KIT_BAD: { exit: 2, meaning: 'bad input' } });
  it('maps its own codes to their exit status and one line; anything else is 1, named as a bug', () => {
    const bad = new CodedError('KIT_BAD', '--x is wrong; use --y');
    expect([exitCodeFor(bad), errorLine(bad)]).toEqual([2, 'KIT_BAD: --x is wrong; use --y']);
    const foreign = new CodedError('OTHER_CODE', 'from another catalogue');
    expect(exitCodeFor(foreign)).toBe(1);
    expect(exitCodeFor(new Error('boom'))).toBe(1);
    expect(errorLine(new Error('boom'))).toMatch(/^internal error \(a bug, please report it\): Error: boom/);
  });
});

describe('argsProblem', () => {
  const problem = (args: string[]): string => {
    try {
      parseArgs({ args, options: { out: { type: 'string' }, quiet: { type: 'boolean' } }, strict: true });
    } catch (error) {
      return argsProblem(error);
    }
    return 'parsed';
  };

  it("names the flag, without Node's advice about '--'", () => {
    expect(problem(['--bogus'])).toBe('unknown flag --bogus');
    expect(problem(['--out'])).toBe('--out needs a value');
    expect(problem(['--quiet=yes'])).toBe('--quiet takes no value');
    expect(problem(['stray'])).toMatch(
      /^Unexpected argument 'stray'. This command does not take positional arguments$/,
    );
  });
});
