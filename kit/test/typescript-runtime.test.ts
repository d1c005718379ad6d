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
  const script = `import(${JSON.stringify(kitIndex)}).then((kit) => { ${body} });`;
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

  it('is rebuilt when an imported file changes', () => {
    writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting: string = 'changed';\n");
    expect(runPlain(bundleOf())).toBe('changed 2');
  });
});
