import { readFileSync, type Stats } from 'node:fs';

/** Files up to this size are kept in memory; bigger ones are streamed from disk on every request. */
export const CACHEABLE_BYTES = 256 * 1024;
const CACHE_BUDGET_BYTES = 32 * 1024 * 1024;

interface Entry {
  mtimeMs: number;
  size: number;
  body: Buffer;
}

/**
 * Small-file cache checked against the file's mtime and size on every hit, so an edited file is never
 * served stale. Bounded by a byte budget; when full, new files are simply read from disk.
 */
export class FileCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /** The file's bytes if it is small enough to cache, else undefined (stream it instead). */
  read(realPath: string, stats: Stats): Buffer | undefined {
    if (stats.size > CACHEABLE_BYTES) return undefined;
    const hit = this.entries.get(realPath);
    if (hit && hit.mtimeMs === stats.mtimeMs && hit.size === stats.size) return hit.body;
    if (hit) {
      this.entries.delete(realPath);
      this.bytes -= hit.size;
    }
    const body = readFileSync(realPath);
    if (body.length !== stats.size) return body;
    if (this.bytes + body.length <= CACHE_BUDGET_BYTES) {
      this.entries.set(realPath, { mtimeMs: stats.mtimeMs, size: body.length, body });
      this.bytes += body.length;
    }
    return body;
  }
}
