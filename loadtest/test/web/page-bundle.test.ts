import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { pageBundle } from '../../src/web/bundle.js';

/**
 * This process's running children named esbuild, waiting up to 10 s for a stopped one to go. A zombie (state Z:
 * ended, its exit not yet collected) holds no memory and runs nothing, so it is not counted.
 */
async function esbuildChildren(): Promise<string[]> {
  const list = () =>
    execFileSync('ps', ['-o', 'stat=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('esbuild') && !line.startsWith('Z'));
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
