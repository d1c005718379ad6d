import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { extractZip, ZipRejected } from '../src/submissions/zip-extract.js';
import { buildZip } from './fixtures/zip.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('zip');

const limits = { maxTotalBytes: 1024 * 1024, maxEntries: 50 };

describe('extractZip', () => {
  it('extracts files with Hangul (NFD → NFC) names into the destination', async () => {
    const zip = path.join(tmp(), 'ok.zip');
    await buildZip(zip, [
      { name: '배준현/server.py', data: 'print("안녕")' },
      { name: 'CN_6_1_배준현.pdf'.normalize('NFD'), data: '%PDF' },
    ]);
    const out = path.join(tmp(), 'ok');
    const r = await extractZip(zip, out, limits);
    expect(r).toEqual({ files: ['CN_6_1_배준현.pdf', '배준현/server.py'], skipped: [] });
    expect(await readFile(path.join(out, '배준현', 'server.py'), 'utf8')).toBe('print("안녕")');
  });

  it('never writes ../ or absolute entries outside the destination, and names them', async () => {
    const zip = path.join(tmp(), 'slip.zip');
    const nest = path.join(tmp(), 'nest');
    await buildZip(zip, [
      { name: '../../escaped.txt', data: 'x' },
      { name: 'a/../../escaped2.txt', data: 'x' },
      { name: `${tmp()}/absolute.txt`, data: 'x' },
      { name: 'C:/windows.txt', data: 'x' },
      { name: 'fine.txt', data: 'ok' },
    ]);
    const r = await extractZip(zip, path.join(nest, 'out'), limits);
    expect(r.files).toEqual(['fine.txt']);
    expect(r.skipped).toHaveLength(4);
    expect((await readdir(tmp())).sort()).toEqual(['nest', 'ok', 'ok.zip', 'slip.zip']);
    expect(await readdir(nest)).toEqual(['out']);
  });

  it('refuses a zip bomb by declared and by actual size, leaving nothing behind', async () => {
    const zip = path.join(tmp(), 'bomb.zip');
    await buildZip(zip, [{ name: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024) }]);
    expect((await stat(zip)).size).toBeLessThan(64 * 1024);
    const out = path.join(tmp(), 'bomb-out');
    await expect(extractZip(zip, out, limits)).rejects.toThrow(/zip bomb/);
    await expect(stat(out)).rejects.toThrow();
  });

  it('refuses too many entries', async () => {
    const zip = path.join(tmp(), 'many.zip');
    await buildZip(
      zip,
      Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })),
    );
    await expect(extractZip(zip, path.join(tmp(), 'many-out'), limits)).rejects.toThrow(
      'zip has 60 entries (limit 50)',
    );
  });

  it('names encrypted and corrupt zips', async () => {
    const locked = path.join(tmp(), 'locked.zip');
    await buildZip(locked, [{ name: 'a.py', data: 'x', encrypted: true }]);
    await expect(extractZip(locked, path.join(tmp(), 'l'), limits)).rejects.toThrow(
      'zip is password-protected',
    );
    const broken = path.join(tmp(), 'broken.zip');
    await writeFile(broken, 'PK\x03\x04 this is not a zip');
    const error = await extractZip(broken, path.join(tmp(), 'b'), limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipRejected);
    expect((error as Error).message).toMatch(/^zip is corrupt or unreadable/);
  });
});
