import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { pageBundle } from '../../src/web/bundle.js';

/** This process's children named esbuild, once the exit of a stopped one has been reaped (or 10 s passed). */
async function esbuildChildren(): Promise<string[]> {
  const list = () =>
    execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('esbuild'));
  for (let waited = 0; list().length > 0 && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return list();
}

describe('the live page bundle', () => {
  it('is one script and one stylesheet, built once, and leaves no esbuild service behind', async () => {
    const first = await pageBundle();
    expect(first.js.length).toBeGreaterThan(10_000);
    expect(first.css).toMatch(/\.uplot/);
    expect(await pageBundle()).toBe(first);
    expect(await esbuildChildren()).toEqual([]);
  }, 60_000);
});
