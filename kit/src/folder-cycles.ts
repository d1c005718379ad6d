import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every .ts file below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * The folders of a package's `src` (a top-level file counts as its own unit) and which import which, from the
 * relative `import … from` and `export … from` lines. `import type` counts too: a type cycle is still a cycle
 * of concepts.
 */
function folderImports(src: string): Map<string, Set<string>> {
  const unit = (file: string) => path.relative(src, file).split(path.sep)[0]!;
  const graph = new Map<string, Set<string>>();
  for (const file of sources(src)) {
    const from = unit(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = path.resolve(path.dirname(file), match[1]!);
      if (path.relative(src, target).startsWith('..')) continue;
      const to = unit(target.replace(/\.js$/, '.ts'));
      if (to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Each cycle between the units of `folderImports` once, as `a → b → a`; empty when the folders form layers. */
export function folderCycles(src: string): string[] {
  const graph = folderImports(src);
  const cycles = new Set<string>();
  const walk = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at !== -1) {
      const loop = trail.slice(at);
      // One name per cycle whichever unit the walk entered it by: rotate the smallest name first.
      const first = loop.indexOf([...loop].sort()[0]!);
      const rotated = [...loop.slice(first), ...loop.slice(0, first)];
      cycles.add([...rotated, rotated[0]].join(' → '));
      return;
    }
    for (const next of graph.get(node) ?? []) walk(next, [...trail, node]);
  };
  for (const node of graph.keys()) walk(node, []);
  return [...cycles].sort();
}
