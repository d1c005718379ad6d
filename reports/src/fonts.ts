/**
 * Fonts from npm (OFL), so they install with the project and no system font is needed: Noto Sans KR
 * (@embedpdf/fonts-kr) for text, D2Coding (d2coding) for code — a monospace face with Hangul in two
 * cells and the typographic punctuation (— …) that Courier lacks.
 */
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
      'LAB_FONT_MISSING',
      `Korean font not found at ${path}: run \`pnpm install\` (package @embedpdf/fonts-kr)`,
    );
  }
  return path;
}

export function monoFont(): string {
  const path = join(dirname(require.resolve('d2coding/package.json')), 'fonts', 'd2coding-full.ttf');
  if (!existsSync(path)) {
    throw new LabError(
      'LAB_FONT_MISSING',
      `code font not found at ${path}: run pnpm install (package d2coding)`,
    );
  }
  return path;
}
