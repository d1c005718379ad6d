import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isScalar, isSeq, parseDocument } from 'yaml';
import { parseSpec } from './parse-spec.js';
import type { AssignmentSpec } from './spec.js';
import { SpecError } from './spec-error.js';

export const builtinSpecIds = ['week2', 'week3', 'week5', 'week6'] as const;
export type BuiltinSpecId = (typeof builtinSpecIds)[number];

const available = `built-in specs: ${builtinSpecIds.join(', ')}`;

export function isBuiltinSpecId(id: string): id is BuiltinSpecId {
  return (builtinSpecIds as readonly string[]).includes(id);
}

function checkBuiltin(id: string): BuiltinSpecId {
  if (!isBuiltinSpecId(id)) {
    throw new SpecError(
      id,
      [`no such built-in spec; ${available} (or pass a spec file with --spec)`],
      'not-found',
    );
  }
  return id;
}

/** Absolute path of a built-in spec, `assignments/<id>/spec.yaml`. */
export function builtinSpecPath(id: string): string {
  return fileURLToPath(new URL(`../${checkBuiltin(id)}/spec.yaml`, import.meta.url));
}

/**
 * `week3/template/www`: the site the built-in HTTP checks are written against (index.html, notfound.html, a
 * stylesheet, a script, a PNG and a JPEG), for servers that want to pass them as students must.
 */
export function templateWwwRoot(): string {
  return fileURLToPath(new URL('../week3/template/www', import.meta.url));
}

/** How errors name a file: relative to the working directory when inside it. */
function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Read a YAML or JSON spec file (format by extension, else by content). Throws `SpecError`. */
export function loadSpecFile(path: string): AssignmentSpec {
  const abs = resolve(path);
  const source = displayName(abs);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such spec file' : `cannot read the spec file (${code ?? String(err)})`;
    throw new SpecError(
      source,
      [`${why}; ${available} (use --assignment <id>, or pnpm grader spec week6 > my.yaml)`],
      'not-found',
    );
  }
  return parseSpec(decodeUtf8(bytes, source), source);
}

/** UTF-8 only, BOM dropped: a spec saved as CP949 by a Korean Windows editor would otherwise load with mangled Hangul. */
function decodeUtf8(bytes: Buffer, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new SpecError(source, ['not UTF-8 text; save the spec as UTF-8 (not CP949/EUC-KR)'], 'syntax');
  }
}

/**
 * The YAML text of a built-in spec, comments included: what `pnpm grader spec <id>` prints. `code.template`
 * paths are rewritten relative to `targetDir`, so `> my.yaml` still finds the template code. The default is
 * the shell's directory: pnpm and npm run scripts from the repo root but keep the caller's in `INIT_CWD`.
 */
export function builtinSpecText(
  id: string,
  targetDir: string = process.env.INIT_CWD || process.cwd(),
): string {
  const path = builtinSpecPath(id);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  const template = doc.getIn(['code', 'template']);
  if (isSeq(template)) {
    for (const item of template.items) {
      if (isScalar(item) && typeof item.value === 'string') {
        item.value = relative(resolve(targetDir), resolve(dirname(path), item.value)) || '.';
      }
    }
  }
  return doc.toString();
}

export function builtinSpec(id: string): AssignmentSpec {
  return loadSpecFile(builtinSpecPath(id));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
    );
}

/**
 * Absolute paths of the template code (`code.template`, relative to the spec file); a directory stands for
 * every file under it. Throws `SpecError` naming each entry that does not exist.
 */
export function specTemplateFiles(spec: AssignmentSpec, specPath: string): string[] {
  const base = dirname(resolve(specPath));
  const problems: string[] = [];
  const files = spec.code.template.flatMap((entry, i) => {
    const abs = resolve(base, entry);
    if (!existsSync(abs)) {
      problems.push(`code.template[${i}]: no such file ${abs}; template paths are relative to the spec file`);
      return [];
    }
    return statSync(abs).isDirectory() ? filesUnder(abs) : [abs];
  });
  if (problems.length > 0) throw new SpecError(displayName(resolve(specPath)), problems);
  return [...new Set(files)];
}
