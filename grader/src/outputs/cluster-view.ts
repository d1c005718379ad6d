import { escapeHtml } from '@netlab/kit';
import type { Cluster, PairScore } from '../similarity/index.js';

/**
 * The clusters at the top of similarity.html, largest first: a TA sees at once that three students
 * share one source, then opens the pairs inside the cluster (links to the pair sections below).
 */
export function clusterView(
  clusters: readonly Cluster[],
  shown: readonly PairScore[],
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const who = (id: string) => escapeHtml(names.get(id) ? `${id} ${names.get(id)}` : id);
  if (clusters.length === 0)
    return '<section class="clusters"><h2>Clusters</h2><p>No pair reaches the review floor.</p></section>';
  const items = clusters.map((c) => {
    const ids = new Set(c.members.map((m) => m.id));
    const links = shown
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => ids.has(p.a) && ids.has(p.b))
      .map(
        ({ p, i }) =>
          `<a href="#pair-${i + 1}">${escapeHtml(p.a)} ↔ ${escapeHtml(p.b)} ${Math.round((p.similarity ?? 0) * 100)}%</a>`,
      );
    const members = c.members.map((m) => `${who(m.id)} (${Math.round(m.maxSimilarity * 100)}%)`).join(', ');
    return `<li><b>Cluster ${c.number}</b>: ${c.members.length} students — ${members}<br>${links.join(' · ')}</li>`;
  });
  return `<section class="clusters"><h2>Clusters</h2><p>Students linked by pairs at or above the review floor, largest first.</p><ol>${items.join('\n')}</ol></section>`;
}
