import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceFile, Submission } from '../src/similarity/index.js';
import { random, shuffled } from './generate.js';
import type { Label } from './ir-plag.js';
import { helpers, locustTasks, mainBodies, NAMES, onReadable, onWritable } from './template-variants.js';

const week6 = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../../assignments/${file}`, import.meta.url)), 'utf8');

/** The handout the spec names as template (week 6), as the grader reads it. */
export const week6Template: SourceFile[] = [
  { path: 'week3/template/http_handler.py', content: week6('week3/template/http_handler.py') },
  { path: 'week6/template/select_server.py', content: week6('week6/template/select_server.py') },
  { path: 'week6/template/locustfile.py', content: week6('week6/template/locustfile.py') },
];

/** A student's choices: which way each TODO was done, and a bit for each marked line. */
interface Plan {
  readable: number;
  writable: number;
  main: number;
  helpers: number[];
  locust: number;
  bits: boolean[];
  order: number[];
  rename: string;
  comments: number;
  /** The buffer size this student writes, and personal statements added to their functions. */
  size: number;
  personal: { after: number; text: string }[];
}

const SIZES = [1024, 2048, 4096, 8192, 16384, 65536];
const PERSONAL = [
  "print('debug', sock)",
  'fd = sock.fileno()',
  "log_line = 'sock %d' % sock.fileno()",
  'assert sock is not None',
  'clients.last_active = sock',
  "print('[select] event on', sock.getpeername())",
  'handled = handled + 1 if False else 0',
  'time_now = 0',
];

/** Honest students write the same idea in their own words: a buffer size, a debug line here and there. */
function personalise(source: string, plan: Plan): string {
  const lines = source.replace(/\b(1024|2048|4096|8192)\b/g, String(plan.size)).split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    const added = plan.personal.find((p) => p.after === i);
    const indent = /^(\s+)\S/.exec(line)?.[1];
    const opens = line.trimEnd().endsWith(':');
    if (added && indent !== undefined && !opens && !/^\s*(return|break|continue)\b/.test(line)) {
      out.push(`${indent}${added.text}`);
    }
  });
  return out.join('\n');
}

export interface TemplateClass {
  submissions: Submission[];
  /** `a\tb` (a < b) → the pair's truth: a copy level for copy↔original (and copies of one original), else N. */
  labels: Map<string, Label>;
}

const key = (a: string, b: string) => (a < b ? `${a}\t${b}` : `${b}\t${a}`);

/** Students mostly do what the TODO text dictates (variant 0), the rest spread over the other ways. */
function pick(next: () => number, count: number, dictated: number): number {
  return next() < dictated ? 0 : 1 + Math.floor(next() * (count - 1));
}

function render(body: string, bits: boolean[], from: number, level: number): string {
  let at = from;
  return body
    .split('\n')
    .flatMap((line) => {
      const alt = /^(.*?)\s*## L4: (.*)$/.exec(line);
      const extra = /^(.*?)\s*## L5\+$/.exec(line);
      const drop = /^(.*?)\s*## L5-$/.exec(line);
      if (!alt && !extra && !drop) return [line];
      const bit = (bits[at++ % bits.length] ?? false) !== level >= (alt ? 4 : 5);
      if (alt) return [bit ? `${/^\s*/.exec(alt[1] ?? '')?.[0] ?? ''}${alt[2]}` : (alt[1] ?? '')];
      if (extra) return bit ? [extra[1] ?? ''] : [];
      return bit ? [] : [drop?.[1] ?? ''];
    })
    .join('\n');
}

const COMMENTS = ['# 과제 6', '# select 로 처리', '# TODO: 나중에 정리', '# works', '# 여기서 응답'];

function comment(source: string, every: number, salt: number): string {
  if (every === 0) return source;
  return source
    .split('\n')
    .map((line, i) =>
      (i + salt) % every === 0 && line.trim() !== '' && !line.trim().startsWith('"""')
        ? `${line}  ${COMMENTS[(i + salt) % COMMENTS.length]}`
        : line,
    )
    .join('\n');
}

/** The two files of a student: select_server.py on the handout, and locustfile.py with the TODO done. */
function program(plan: Plan, level: number): SourceFile[] {
  const handout = week6Template[1]?.content ?? '';
  const cut = (from: string, to: string) => handout.slice(handout.indexOf(from), handout.indexOf(to));
  const head = handout.slice(0, handout.indexOf('def on_readable'));
  const functions = [
    personalise(render(onReadable[plan.readable] ?? '', plan.bits, 0, level), plan),
    personalise(render(onWritable[plan.writable] ?? '', plan.bits, 3, level), plan),
    ...plan.helpers.map((h) => helpers[h] ?? ''),
    plan.main === 0 ? cut('def main', 'if __name__') : (mainBodies[plan.main - 1] ?? ''),
  ];
  const ordered = level >= 3 ? plan.order.map((i) => functions[i % functions.length] ?? '') : functions;
  let server = `${head.replace('import select', plan.helpers.includes(0) ? 'import select\nimport time' : 'import select')}${ordered.join('\n\n')}\n\nif __name__ == '__main__':\n    main()\n`;
  let locust = (week6Template[2]?.content ?? '').replace(
    /\n {4}# TODO[\s\S]*$/,
    `\n${locustTasks[plan.locust]}`,
  );
  if (level >= 2) {
    for (const name of NAMES) {
      const renamed = (text: string) =>
        text.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}${plan.rename}`);
      server = renamed(server);
      locust = renamed(locust);
    }
  }
  if (level >= 1) server = comment(server, plan.comments, level);
  return [
    { path: 'select_server.py', content: server },
    { path: 'locustfile.py', content: locust },
  ];
}

function independent(next: () => number): Plan {
  const extra = helpers.map((_, i) => i).filter(() => next() < 0.25);
  const count = 3 + extra.length;
  const order = shuffled(
    Array.from({ length: count }, (_, i) => i),
    next,
  );
  return {
    readable: pick(next, onReadable.length, 0.2),
    writable: pick(next, onWritable.length, 0.6),
    main: pick(next, mainBodies.length + 1, 0.7),
    helpers: extra,
    locust: pick(next, locustTasks.length, 0.5),
    bits: Array.from({ length: 8 }, () => next() < 0.5),
    order: order.every((v, i) => v === i) ? [...order].reverse() : order,
    rename: '',
    comments: 0,
    size: SIZES[Math.floor(next() * SIZES.length)] ?? 4096,
    personal: Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      after: 2 + Math.floor(next() * 10),
      text: PERSONAL[Math.floor(next() * PERSONAL.length)] ?? '',
    })),
  };
}

/**
 * A week-6 class on the handout: `originals` students whose work is
 * copied, `copies` copies of them at levels L1–L5 (cycling), and `independents` more students who
 * did the TODOs their own way; each independent and original picks one way per TODO (the way the
 * TODO text dictates most often), and writes some lines differently.
 */
export function generateTemplateClass(
  seed: number,
  originals = 12,
  copies = 14,
  independents = 14,
): TemplateClass {
  const next = random(seed);
  const plans = Array.from({ length: originals + independents }, () => independent(next));
  const submissions: Submission[] = plans.map((plan, i) => ({
    id: `2019${String(i + 1).padStart(6, '0')}`,
    files: program(plan, 0),
  }));
  const labels = new Map<string, Label>();
  const family = new Map<string, { root: string; level: number }>();
  for (let c = 0; c < copies; c++) {
    const level = (c % 5) + 1;
    const source = c % originals;
    const plan = { ...(plans[source] as Plan), rename: `_${c + 1}`, comments: 2 + (c % 3) };
    const id = `2019${String(originals + independents + c + 1).padStart(6, '0')}`;
    submissions.push({ id, files: program(plan, level) });
    family.set(id, { root: submissions[source]?.id ?? '', level });
  }
  for (let i = 0; i < submissions.length; i++) {
    for (let j = i + 1; j < submissions.length; j++) {
      const [a, b] = [submissions[i]?.id ?? '', submissions[j]?.id ?? ''];
      const fa = family.get(a);
      const fb = family.get(b);
      const rootA = fa?.root ?? a;
      const rootB = fb?.root ?? b;
      const level = Math.max(fa?.level ?? 0, fb?.level ?? 0);
      labels.set(key(a, b), rootA === rootB ? (`L${level}` as Label) : 'N');
    }
  }
  return { submissions, labels };
}
