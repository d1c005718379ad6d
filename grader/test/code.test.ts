import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { collectCode } from '../src/checks/code.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('code');

describe('collectCode', () => {
  it('reads matching files, decoding CP949 code and noting it', async () => {
    const utf8 = path.join(tmp(), 'a.py');
    const cp949 = path.join(tmp(), 'b.py');
    await writeFile(utf8, 'print("안녕")');
    await writeFile(
      cp949,
      Buffer.concat([Buffer.from('print("'), Buffer.from([0xbe, 0xc8, 0xb3, 0xe7]), Buffer.from('")')]),
    );
    const files = [
      { rel: 'a.py', abs: utf8 },
      { rel: 'sub/b.py', abs: cp949 },
      { rel: 'notes.txt', abs: utf8 },
    ];
    const out = await collectCode(files, { glob: '**/*.py' });
    expect(out.files.map((f) => [f.rel, f.content])).toEqual([
      ['a.py', 'print("안녕")'],
      ['sub/b.py', 'print("안녕")'],
    ]);
    expect(out.notes).toEqual(['sub/b.py is not UTF-8; read as CP949']);
  });

  it('notes a file it cannot read instead of failing', async () => {
    const out = await collectCode([{ rel: 'gone.py', abs: path.join(tmp(), 'gone.py') }], { glob: '*.py' });
    expect(out).toEqual({ files: [], notes: ['gone.py could not be read'] });
  });
});
