import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { writeFileAtomic } from '../src/outputs/atomic-write.js';
import { gradesCsv } from '../src/outputs/grades-csv.js';
import { similarityCsv } from '../src/outputs/similarity-csv.js';
import { orderForReview, similarityHtml } from '../src/outputs/similarity-html.js';
import { publishRows } from '../src/publish.js';
import { useTempDir } from './fixtures/temp-dir.js';

const tmp = useTempDir('out');

const row = (id: string, name: string, flags = '', notes = '') => ({
  student_id: id,
  name,
  score: '7.5',
  max_points: '10',
  late_days: '0',
  flags,
  notes,
});

describe('grades.csv', () => {
  it('starts with a BOM, quotes notes with commas and quotes, keeps Hangul', () => {
    const text = gradesCsv([row('2017000001', '배준현', 'LATE;PORT', 'check "GET /" failed, status 500')]);
    expect(text).toBe(
      '\uFEFFstudent_id,name,score,max_points,late_days,flags,notes\r\n2017000001,배준현,7.5,10,0,LATE;PORT,"check ""GET /"" failed, status 500"\r\n',
    );
  });
});

describe('publish rows', () => {
  it('masks ids and names, leaves out flags and notes, and sorts by id', () => {
    const rows = publishRows([
      row('2017000002', '김철', 'COPY', 'copy of 2017000001'),
      row('2017000001', 'Alice Kim'),
    ]);
    expect(rows).toEqual([
      { student_id: '2017****01', name: 'A***e K*m', score: '7.5', max_points: '10', late_days: '0' },
      { student_id: '2017****02', name: '김*', score: '7.5', max_points: '10', late_days: '0' },
    ]);
  });

  it('keeps flags and notes with --with-flags, ids and the own name in notes masked', () => {
    const [r] = publishRows(
      [row('2017000002', '김철수', 'COPY', 'copy of 2017000001; CN_6_2017000002_김철수.pdf')],
      {
        withFlags: true,
      },
    );
    expect(r).toMatchObject({ flags: 'COPY', notes: 'copy of 2017****01; CN_6_2017****02_김*수.pdf' });
  });
});

describe('similarity views', () => {
  const frag = {
    a: { file: 'server.py', startLine: 2, endLine: 3 },
    b: { file: 'main.py', startLine: 1, endLine: 2 },
  };
  const pairs = [
    { a: 'A', b: 'B', similarity: 0.95, fragments: [frag] },
    { a: 'C', b: 'D', similarity: 0.6, fragments: [frag] },
    { a: 'E', b: 'F', similarity: 0.2, fragments: [] },
    { a: 'G', b: 'H', similarity: null, note: 'too little own code', fragments: [] },
  ];
  const o = { threshold: 0.8, review: 0.5 };

  it('lists REVIEW pairs first, then COPY, then the rest; unscored pairs are left out', () => {
    expect(orderForReview(pairs, o).map((p) => p.a)).toEqual(['C', 'A', 'E']);
  });

  it('highlights fragments side by side and escapes the code', () => {
    const sources = new Map([
      ['A', [{ path: 'server.py', content: 'import socket\nx = "<script>"\ny = 1\nz = 2' }]],
      ['B', [{ path: 'main.py', content: 'x = "<script>"\ny = 1' }]],
    ]);
    const html = similarityHtml(pairs, sources, o);
    expect(html.indexOf('1. C ↔ D')).toBeLessThan(html.indexOf('2. A ↔ B'));
    expect(html.indexOf('Cluster 1</b>: 2 students — A (95%), B (95%)')).toBeLessThan(
      html.indexOf('1. C ↔ D'),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      '<span style="background:#ffe08a"><span class="ln">2</span>x = &#34;&#60;script&#62;&#34;</span>',
    );
    expect(html).toContain('<span class="ln">4</span>z = 2');
  });

  it('writes every pair to similarity.csv with its verdict', () => {
    const lines = similarityCsv(pairs, 0.8, 0.5).split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      '\uFEFFstudent_a,student_b,similarity,verdict,note',
      'A,B,0.9500,COPY,',
      'C,D,0.6000,REVIEW,',
      'E,F,0.2000,,',
      'G,H,,,too little own code',
    ]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp files', async () => {
    const file = path.join(tmp(), 'atomic', 'grades.csv');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(path.dirname(file))).toEqual(['grades.csv']);
  });

  it('keeps the old file when the write fails', async () => {
    const target = path.join(tmp(), 'busy');
    await mkdir(path.join(target, 'grades.csv'), { recursive: true });
    await writeFile(path.join(target, 'grades.csv', 'keep'), 'x');
    await expect(writeFileAtomic(path.join(target, 'grades.csv'), 'new')).rejects.toMatchObject({
      code: 'GRADER_OUTPUT_FAILED',
    });
    expect(await readdir(target)).toEqual(['grades.csv']);
  });
});
