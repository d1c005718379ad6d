import { stringify } from 'csv-stringify/sync';
import type { Cluster } from '../similarity/index.js';

/** One row per student in a cluster; `members` lists the whole cluster (space-separated), highest first. */
export function clustersCsv(clusters: readonly Cluster[]): string {
  const rows = clusters.flatMap((c) =>
    c.members.map((m) => ({
      cluster: c.number,
      student_id: m.id,
      max_similarity: m.maxSimilarity.toFixed(4),
      members: c.members.map((x) => x.id).join(' '),
    })),
  );
  return `\uFEFF${stringify(rows, { header: true, columns: ['cluster', 'student_id', 'max_similarity', 'members'], record_delimiter: '\r\n' })}`;
}
