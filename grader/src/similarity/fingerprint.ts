import type { Unit } from './tokenize.js';

/** A k-gram: its hash and where it starts (unit, token index within the unit). */
export interface Kgram {
  hash: number;
  unit: number;
  start: number;
}

const tokenCodes = new Map<string, number>();

/** FNV-1a of the token text: stable across runs, so results are deterministic. */
function tokenCode(token: string): number {
  let code = tokenCodes.get(token);
  if (code === undefined) {
    code = 0x811c9dc5;
    for (let i = 0; i < token.length; i++) code = Math.imul(code ^ token.charCodeAt(i), 0x01000193);
    code >>>= 0;
    tokenCodes.set(token, code);
  }
  return code;
}

/** Two independent 32-bit polynomial hashes packed into 53 bits, so collisions are negligible at class scale. */
function hashRange(codes: readonly number[], from: number, to: number): number {
  let h1 = 0x9e3779b9;
  let h2 = to - from;
  for (let i = from; i < to; i++) {
    const c = codes[i] ?? 0;
    h1 = (Math.imul(h1, 31) + c) | 0;
    h2 = (Math.imul(h2 ^ c, 0x5bd1e995) + 0x6b43a9b5) | 0;
  }
  return (h1 >>> 0) * 0x200000 + (h2 >>> 11);
}

/** Which token spelling a family hashes: loose (literal classes) or exact (literal text). */
export type Spelling = 'tokens' | 'exact';

/** Every k-gram of every unit; a unit shorter than k contributes one k-gram of all its tokens. */
export function kgramsOf(units: readonly Unit[], k: number, spelling: Spelling): Kgram[] {
  const out: Kgram[] = [];
  units.forEach((unit, u) => {
    const codes = unit[spelling].map(tokenCode);
    if (codes.length <= k) {
      out.push({ hash: hashRange(codes, 0, codes.length), unit: u, start: 0 });
      return;
    }
    for (let start = 0; start + k <= codes.length; start++) {
      out.push({ hash: hashRange(codes, start, start + k), unit: u, start });
    }
  });
  return out;
}

/**
 * Robust winnowing (Schleimer, Wilkerson & Aiken 2003): the minimum hash of every window of w
 * consecutive k-grams of a unit, rightmost on ties, each position once. w = 1 keeps every k-gram.
 */
export function winnow(kgrams: readonly Kgram[], w: number): Kgram[] {
  if (w <= 1) return [...kgrams];
  const picked: Kgram[] = [];
  let from = 0;
  while (from < kgrams.length) {
    let to = from;
    const unit = kgrams[from]?.unit;
    while (to < kgrams.length && kgrams[to]?.unit === unit) to++;
    let last = -1;
    for (let end = Math.min(from + w, to); end <= to; end++) {
      const begin = Math.max(from, end - w);
      let best = begin;
      for (let i = begin; i < end; i++) if ((kgrams[i]?.hash ?? 0) <= (kgrams[best]?.hash ?? 0)) best = i;
      if (best !== last) {
        picked.push(kgrams[best] as Kgram);
        last = best;
      }
      if (end === to) break;
    }
    from = to;
  }
  return picked;
}
