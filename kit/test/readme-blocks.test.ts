/**
 * README figures come from runs, not from typing: every marked block in the workspace's READMEs opens
 * with the stamp of the command that wrote it, that command exists, and its script writes that block.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { STAMP_PREFIX } from '../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Sections whose figures must be generated: README (relative to the root) → block names. */
const REQUIRED: Record<string, string[]> = {
  'README.md': ['measured-here'],
  'reports/README.md': ['measured-here', 'web-screenshots'],
  'servers/README.md': ['bench', 'hostile-probes'],
  'loadtest/README.md': ['numbers', 'bench', 'web-screenshots'],
  'grader/README.md': ['class-time'],
};

function readmes(dir: string, found: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) readmes(full, found);
    else if (e.name === 'README.md') found.push(path.relative(ROOT, full));
  }
  return found;
}

interface Block {
  readme: string;
  name: string;
  body: string;
}

const blocks: Block[] = readmes(ROOT).flatMap((readme) => {
  const text = readFileSync(path.join(ROOT, readme), 'utf8');
  return [...text.matchAll(/<!-- ([\w-]+):begin -->\n([\s\S]*?)\n?<!-- \1:end -->/g)].map((m) => ({
    readme,
    name: m[1]!,
    body: m[2]!,
  }));
});

/** `pnpm --filter @netlab/x script …` → the package folder and the file its script runs. */
function writerOf(command: string): { pkg: string; file: string } {
  const m = /^pnpm --filter @netlab\/([\w-]+) ([\w:-]+)/.exec(command);
  if (!m) throw new Error(`not a package script: ${command}`);
  const pkg = m[1]!;
  const scripts = JSON.parse(readFileSync(path.join(ROOT, pkg, 'package.json'), 'utf8')).scripts ?? {};
  const script = scripts[m[2]!] as string | undefined;
  if (!script) throw new Error(`${pkg}/package.json has no script ${m[2]}`);
  const file = /tsx (\S+\.ts)/.exec(script)?.[1];
  if (!file) throw new Error(`script ${m[2]} runs no tsx file: ${script}`);
  return { pkg, file: path.join(pkg, file) };
}

describe('generated README blocks', () => {
  it.each(Object.entries(REQUIRED))('%s has its generated blocks', (readme, names) => {
    expect(blocks.filter((b) => b.readme === readme).map((b) => b.name)).toEqual(
      expect.arrayContaining(names),
    );
  });

  it.each(blocks.map((b) => [`${b.readme} ${b.name}`, b] as const))(
    '%s opens with the stamp of a script that writes it',
    (_label, b) => {
      expect(b.body.startsWith(STAMP_PREFIX)).toBe(true);
      const command = b.body.slice(STAMP_PREFIX.length, b.body.indexOf('`', STAMP_PREFIX.length));
      const { file } = writerOf(command);
      expect(readFileSync(path.join(ROOT, file), 'utf8')).toMatch(new RegExp(`'${b.name}'`));
    },
  );
});
