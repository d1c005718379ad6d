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

describe('in the review band, code several students share weighs less than code two share', () => {
  /** A route five students took; each also wrote a function nobody else did; 'copy' copied s03 outright. */
  const route =
    '\ndef reply(conn, data):\n    head = data.split(b"\\r\\n")[0]\n    if head.startswith(b"GET"):\n        conn.sendall(b"HTTP/1.0 200 OK\\r\\n\\r\\n" + data)\n    else:\n        conn.sendall(b"HTTP/1.0 400 Bad Request\\r\\n\\r\\n")\n' +
    '\ndef parse_headers(data):\n    lines = data.split(b"\\r\\n")[1:]\n    fields = {}\n    for line in lines:\n        if b":" in line:\n            key, value = line.split(b":", 1)\n            fields[key.strip().lower()] = value.strip()\n    return fields\n';
  const mine: Record<string, string> = {
    s01: '\ndef stamp():\n    now = time.time()\n    return time.strftime("%H:%M:%S", time.localtime(now))\n',
    s02: '\ndef cwd_listing():\n    names = sorted(os.listdir(os.getcwd()))\n    return [n for n in names if not n.startswith(".")]\n',
    s03: '\ndef checksum(blob):\n    digest = hashlib.sha256(blob).hexdigest()\n    return digest[:16].upper()\n',
    s04: '\ndef backoff(tries):\n    delay = min(2 ** tries, 30)\n    time.sleep(delay * random.random())\n',
  };
  mine.copy = mine.s03 ?? '';
  const subs = classOf(12).map((sub) =>
    sub.id in mine
      ? { ...sub, files: [{ path: 'server.py', content: `${sub.files[0]?.content}${route}${mine[sub.id]}` }] }
      : sub,
  );

  it('ranks two students who share only the route lower than the evidence alone does, and keeps the copy at 1', async () => {
    const ranked = await compareSubmissions(subs, { language: 'python', minKgrams: 1 });
    const evidenceOnly = await compareSubmissions(subs, {
      language: 'python',
      minKgrams: 1,
      reviewRarityWeight: 0,
    });
    expect(scoreOf(evidenceOnly, 's01', 's02')).toBeGreaterThanOrEqual(0.5);
    expect(scoreOf(ranked, 's01', 's02')).toBeLessThan(0.5);
    expect(scoreOf(ranked, 's03', 'copy')).toBe(1);
  });
});
