#!/usr/bin/env tsx
import { compareSubmissions } from '../src/similarity/index.js';
import { dolosScores } from './dolos-reference.js';
import { generateClass } from './generate.js';

/** Child entry for one timed run: `tsx bench/scale.ts <netlab|dolos> <count>`; prints one JSON line. */
const [engine, countArg] = process.argv.slice(2);
const count = Number(countArg);
if ((engine !== 'netlab' && engine !== 'dolos') || !Number.isInteger(count) || count < 2) {
  console.error('usage: tsx bench/scale.ts <netlab|dolos> <count ≥ 2>');
  process.exit(2);
}
const submissions = generateClass(count);
const started = performance.now();
const pairs =
  engine === 'netlab'
    ? (await compareSubmissions(submissions, { language: 'python' })).length
    : (await dolosScores(submissions, 'python')).size;
console.log(JSON.stringify({ engine, count, pairs, seconds: (performance.now() - started) / 1000 }));
