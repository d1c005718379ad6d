import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const built = new Map<string, string>();

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A worker entry (`process-worker.ts`, `thread-worker.ts`) bundled once into plain CommonJS.
 * Starting a child or thread through the TypeScript loader costs 300–700 ms here, against 40–150 ms for
 * plain Node; the per-connection models should pay what a Node process or thread really costs, not a compiler.
 * Cached in the temp dir under a hash of the sources, so an edit rebuilds and concurrent builds don't clash.
 */
export function workerBundle(entry: 'process-worker' | 'thread-worker'): string {
  const cached = built.get(entry);
  if (cached) return cached;
  const dir = path.join(tmpdir(), `netlab-serve-${sourceHash()}`);
  const outfile = path.join(dir, `${entry}.cjs`);
  if (!existsSync(outfile)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${outfile}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [path.join(SRC, 'models', `${entry}.ts`)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: partial,
      logLevel: 'silent',
    });
    renameSync(partial, outfile);
  }
  built.set(entry, outfile);
  return outfile;
}
