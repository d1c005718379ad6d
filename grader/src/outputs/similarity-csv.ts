import { stringify } from 'csv-stringify/sync';
import type { PairScore } from '../similarity/index.js';

/** Every pair with its score (empty when too little own code to judge, with the reason). */
export function similarityCsv(pairs: PairScore[], threshold: number, review: number): string {
  const rows = pairs.map((p) => ({
    student_a: p.a,
    student_b: p.b,
    similarity: p.similarity === null ? '' : p.similarity.toFixed(4),
    verdict:
      p.similarity === null
        ? ''
        : p.similarity >= threshold
          ? 'COPY'
          : p.similarity >= review
            ? 'REVIEW'
            : '',
    note: p.note ?? '',
  }));
  return `\uFEFF${stringify(rows, { header: true, columns: ['student_a', 'student_b', 'similarity', 'verdict', 'note'], record_delimiter: '\r\n' })}`;
}
