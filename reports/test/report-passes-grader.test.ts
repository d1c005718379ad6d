/** The lab's own PDF, handed in as a student would, through the grader's real check of the week's spec. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { graderCli } from '@netlab/grader';
import { main } from '../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-grader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink() {
  const text = { value: '' };
  const stream = {
    isTTY: false,
    write(s: string) {
      text.value += s;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, text };
}

describe('the week-6 report the lab writes', () => {
  it("passes the grader's week-6 report check (name, sections, images): no REPORT_* flag", async () => {
    const out = join(dir, 'lab');
    const io = { out: () => {}, err: { write: () => true } as never };
    const args = ['week6', '--quick', '--models', 'single,select', '--out', out];
    expect(await main([...args, '--student', '2019123456', '--name', '배준현'], io)).toBe(0);
    const submission = join(dir, 'submissions', '2019123456_배준현');
    mkdirSync(submission, { recursive: true });
    copyFileSync(join(out, 'CN_6_2019123456_배준현.pdf'), join(submission, 'CN_6_2019123456_배준현.pdf'));
    const stdout = sink();
    const stderr = sink();
    const graded = join(dir, 'graded');
    const code = await graderCli(
      ['check', join(dir, 'submissions'), '--assignment', 'week6', '--no-run', '--out', graded],
      { stdout: stdout.stream, stderr: stderr.stream },
    );
    expect(code).toBe(0);
    const [header, row] = readFileSync(join(graded, 'grades.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const flags = row!.split(',')[header!.split(',').indexOf('flags')]!;
    expect(row).toContain('2019123456');
    expect(flags).not.toMatch(/REPORT/);
  }, 180_000);
});
