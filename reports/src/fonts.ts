/** Noto Sans KR from the npm package @embedpdf/fonts-kr (OFL): installs with the project, no system fonts needed. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LabError } from './errors.js';

const require = createRequire(import.meta.url);

export function koreanFont(weight: 'Regular' | 'Bold'): string {
  // The package's entry is dist/index.*; the OTFs sit in ../fonts.
  const path = join(
    dirname(require.resolve('@embedpdf/fonts-kr')),
    '..',
    'fonts',
    `NotoSansKR-${weight}.otf`,
  );
  if (!existsSync(path)) {
    throw new LabError(
      'LAB_OUTPUT',
      `Korean font not found at ${path}: run \`pnpm install\` (package @embedpdf/fonts-kr)`,
    );
  }
  return path;
}
