import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { messageOf } from '@netlab/kit';

export interface ZipLimits {
  /** Sum of uncompressed sizes (declared and actual) above which the zip is refused: zip-bomb guard. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 200 * 1024 * 1024, maxEntries: 5000 };

/** A zip the grader will not extract; `reason` goes on the student's row. */
export class ZipRejected extends Error {}

export interface ZipExtraction {
  /** NFC paths relative to the destination, as written. */
  files: string[];
  /** Entries not written (unsafe paths, links), for the notes. */
  skipped: string[];
}

/**
 * Extracts into `destDir` only: entries with `..`, absolute or drive paths and symlinks are skipped and named,
 * never written. Too many entries, too many bytes, encryption or corruption refuse the whole zip (ZipRejected)
 * and leave `destDir` removed.
 */
export async function extractZip(
  zipPath: string,
  destDir: string,
  limits = DEFAULT_ZIP_LIMITS,
): Promise<ZipExtraction> {
  await mkdir(destDir, { recursive: true });
  try {
    return await extractInto(zipPath, path.resolve(destDir), limits);
  } catch (error) {
    await rm(destDir, { recursive: true, force: true });
    if (error instanceof ZipRejected) throw error;
    throw new ZipRejected(`zip is corrupt or unreadable (${firstLine(error)})`);
  }
}

async function extractInto(zipPath: string, root: string, limits: ZipLimits): Promise<ZipExtraction> {
  // decodeStrings off: yauzl would abort the whole zip on one bad name; we decode and judge each name ourselves.
  const zip = await openZip(zipPath);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipRejected(`zip has ${zip.entryCount} entries (limit ${limits.maxEntries})`);
  }
  const result: ZipExtraction = { files: [], skipped: [] };
  let declared = 0;
  let written = 0;
  // Counts bytes actually inflated across all entries: declared sizes can lie.
  const byteBudget = () =>
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        written += chunk.length;
        if (written > limits.maxTotalBytes) done(new ZipRejected(tooBig(limits)));
        else done(null, chunk);
      },
    });
  try {
    for await (const entry of entries(zip)) {
      const name = decodeName(entry);
      if (name.endsWith('/')) continue;
      const unsafe = unsafeReason(name, entry, root);
      if (unsafe) {
        result.skipped.push(`${name} (${unsafe})`);
        continue;
      }
      if (entry.isEncrypted()) throw new ZipRejected('zip is password-protected');
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) throw new ZipRejected(tooBig(limits));
      const target = path.resolve(root, name);
      await mkdir(path.dirname(target), { recursive: true });
      const stream = await openEntry(zip, entry);
      await pipeline(stream, byteBudget(), createWriteStream(target, { flags: 'wx' }));
      result.files.push(name);
    }
  } finally {
    zip.close();
  }
  result.files.sort();
  return result;
}

function tooBig(limits: ZipLimits): string {
  return `zip expands past ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB (zip bomb?)`;
}

function unsafeReason(name: string, entry: yauzl.Entry, root: string): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (name.split('/').includes('..')) return 'path leaves the folder';
  const resolved = path.resolve(root, name);
  if (!resolved.startsWith(root + path.sep)) return 'path leaves the folder';
  const unixMode = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (unixMode === 0o120000) return 'symbolic link';
  return null;
}

/** UTF-8 when flagged or valid; otherwise CP949 (Korean Windows zip tools), then NFC. */
function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  let name: string;
  if (entry.generalPurposeBitFlag & 0x800) name = raw.toString('utf8');
  else {
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      name = new TextDecoder('euc-kr').decode(raw);
    }
  }
  return name.replaceAll('\\', '/').normalize('NFC');
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      zipPath,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const next = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const onEntry = (e: yauzl.Entry) => done(() => resolve(e));
      const onEnd = () => done(() => resolve(null));
      const onError = (e: Error) => done(() => reject(e));
      const done = (fn: () => void) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        fn();
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) =>
      err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream),
    );
  });
}

function firstLine(error: unknown): string {
  return messageOf(error).split('\n')[0] ?? '';
}
