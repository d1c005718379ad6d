import { describe, expect, it } from '@jest/globals';
import { compareSubmissions, type Submission } from '../../src/similarity/index.js';
import { fixture, scoreOf } from './helpers.js';

/** The handout a TA forgot to pass as template: every student's file starts with it. */
const handout = fixture('python/template.py').content.replace(/\ndef handle[\s\S]*$/, '\n');

const STEPS = [
  '    data = conn.recv(1024)',
  "    parts = data.split(b' ')",
  '    for part in parts:\n        conn.sendall(part.upper())',
  '    if len(data) > 100:\n        data = data[:100]',
  '    while data:\n        sent = conn.send(data)\n        data = data[sent:]',
  "    print('served', addr, len(data))",
];

/** Student i's own handle(): a different selection of steps per student, so no two write the same. */
function own(i: number): string {
  const picked = STEPS.filter((_, bit) => bit === 0 || (i >> (bit - 1)) & 1);
  return `\ndef handle(conn, addr):\n${picked.join('\n')}\n    conn.close()\n`;
}

function classOf(size: number): Submission[] {
  const subs = Array.from({ length: size }, (_, i) => ({
    id: `s${String(i).padStart(2, '0')}`,
    files: [{ path: 'server.py', content: `${handout}${own(i)}` }],
  }));
  subs.push({ id: 'copy', files: [{ path: 'server.py', content: `${handout}# mine\n${own(3)}` }] });
  return subs;
}

describe('code most of the class shares is treated as template (commonCodeShare)', () => {
  it('drops the forgotten handout from a class of 12, so independent students fall out of the review band', async () => {
    const subs = classOf(12);
    const rule = await compareSubmissions(subs, { language: 'python', minKgrams: 1 });
    const off = await compareSubmissions(subs, {
      language: 'python',
      minKgrams: 1,
      commonCodeShare: 1,
      rarityWeight: 0,
    });
    expect(scoreOf(off, 's01', 's02')).toBeGreaterThanOrEqual(0.5);
    expect(scoreOf(rule, 's01', 's02')).toBeLessThan(0.5);
    expect(scoreOf(rule, 's03', 'copy')).toBe(1);
  });

  it('leaves a class under 10 as it is: three students can be a copy ring, not a handout', async () => {
    const subs = classOf(5);
    const rule = await compareSubmissions(subs, { language: 'python', minKgrams: 1, rarityWeight: 0 });
    const off = await compareSubmissions(subs, {
      language: 'python',
      minKgrams: 1,
      commonCodeShare: 1,
      rarityWeight: 0,
    });
    expect(scoreOf(rule, 's01', 's02')).toBe(scoreOf(off, 's01', 's02'));
  });

  it('refuses a share outside (0, 1]', async () => {
    await expect(compareSubmissions(classOf(2), { language: 'python', commonCodeShare: 0 })).rejects.toThrow(
      /commonCodeShare/,
    );
  });
});
