import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { typescriptExecArgv } from '../src/index.js';

const kitIndex = pathToFileURL(path.join(import.meta.dirname, '..', 'src', 'index.ts')).href;

/** Runs `body` in a fresh Node process with the kit loaded through tsx, as a package's code would be. */
function inNode(body: string): string {
  const script = `import(${JSON.stringify(kitIndex)}).then(async (kit) => { ${body} });`;
  return execFileSync(process.execPath, [...typescriptExecArgv(), '--input-type=module', '-e', script], {
    encoding: 'utf8',
  }).trim();
}

describe('bundledEntry', () => {
  let dir: string;
  let entry: URL;
  const bundleOf = (): string =>
    inNode(`console.log(kit.bundledEntry(new URL(${JSON.stringify(entry.href)})));`);
  const runPlain = (file: string): string =>
    execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim();

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kit-bundle-'));
    writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting: string = 'hello';\n");
    writeFileSync(
      path.join(dir, 'entry.ts'),
      "import { greeting } from './greeting.js';\nconst n: number = 2;\nconsole.log(greeting, n);\n",
    );
    entry = pathToFileURL(path.join(dir, 'entry.ts'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one CommonJS file that plain node runs, with no loader', () => {
    const file = bundleOf();
    expect(file).toMatch(/entry\.cjs$/);
    expect(runPlain(file)).toBe('hello 2');
  });

  it('is reused by the next process while its inputs are unchanged', () => {
    const first = bundleOf();
    const built = statSync(first).mtimeMs;
    expect(bundleOf()).toBe(first);
    expect(statSync(first).mtimeMs).toBe(built);
  });

  it('leaves no esbuild process behind in the process that built it', () => {
    writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting: string = 'again';\n");
    const children = inNode(`kit.bundledEntry(new URL(${JSON.stringify(entry.href)}));
      const { execFileSync } = await import('node:child_process');
      const esbuilds = () => execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\\n').filter((line) => line.includes('esbuild'));
      for (let waited = 0; esbuilds().length > 0 && waited < 10000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      console.log(JSON.stringify(esbuilds()));`);
    expect(children).toBe('[]');
  });

  it('is rebuilt when an imported file changes', () => {
    writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting: string = 'changed';\n");
    expect(runPlain(bundleOf())).toBe('changed 2');
  });
});
