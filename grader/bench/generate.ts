import type { Submission } from '../src/similarity/index.js';
import { type Seed, seeds } from './seeds.js';

/** mulberry32: a small deterministic PRNG, so every run generates the same class. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const comments = [
  '# handle one client',
  '# TODO tidy up',
  '# 과제 3',
  '# see the handout',
  '# works on my machine',
];

function disguise(source: string, seed: Seed, next: () => number, student: number): string {
  let out = source;
  for (const name of seed.names) {
    if (next() < 0.5) out = out.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}_${student % 97}`);
  }
  return out
    .split('\n')
    .flatMap((line) =>
      next() < 0.08 ? [line, ''] : next() < 0.05 ? [`${line}  ${comments[student % 5]}`] : [line],
    )
    .join('\n');
}

export function shuffled<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * `count` Python submissions from the seeds: each student picks one body per function, functions in
 * a random order, some names renamed, blank lines and comments sprinkled in; every 20th copies an
 * earlier student and disguises the copy.
 */
export function generateClass(count: number): Submission[] {
  const next = random(20191031);
  const sources: string[] = [];
  for (let student = 0; student < count; student++) {
    const seed = seeds[student % seeds.length] as Seed;
    if (student % 20 === 19) {
      const original = sources[student - seeds.length * 3] ?? '';
      sources.push(disguise(original, seed, next, student));
      continue;
    }
    const bodies = seed.functions.map((variants) => variants[Math.floor(next() * variants.length)] ?? '');
    const program = [seed.header, ...shuffled(bodies, next), seed.footer].join('\n\n');
    sources.push(disguise(program, seed, next, student));
  }
  return sources.map((content, i) => ({
    id: `2019${String(i).padStart(6, '0')}`,
    files: [{ path: 'server.py', content }],
  }));
}
