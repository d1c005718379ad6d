import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { folderCycles } from '../src/index.js';

const root = path.join(import.meta.dirname, '..', '..');
const packages = readdirSync(root).filter(
  (name) => existsSync(path.join(root, name, 'package.json')) && existsSync(path.join(root, name, 'src')),
);

describe('folders import each other in one direction', () => {
  it('finds every package', () => {
    expect(packages).toEqual(expect.arrayContaining(['kit', 'servers', 'loadtest', 'reports', 'grader']));
  });

  it.each(packages)('%s has no folder-level import cycle', (name) => {
    expect(folderCycles(path.join(root, name, 'src'))).toEqual([]);
  });
});
