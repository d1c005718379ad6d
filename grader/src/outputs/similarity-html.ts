import { clustersOf, type PairScore, type SourceFile, type Span } from '../similarity/index.js';
import { clusterView } from './cluster-view.js';

const PALETTE = ['#ffe08a', '#a8e6cf', '#ffb3ba', '#bae1ff', '#d7baff', '#ffdfba'];

export interface SimilarityHtmlOptions {
  threshold: number;
  review: number;
  /** Pairs shown in full, after every REVIEW and COPY pair. */
  extraPairs?: number;
  /** Each student's name, shown beside the id (a TA knows students by name). */
  names?: Map<string, string>;
}

/** REVIEW pairs first (the TA decides those), then COPY pairs, then the next highest; each side by side. */
export function orderForReview(pairs: PairScore[], o: SimilarityHtmlOptions): PairScore[] {
  const scored = pairs
    .filter((p) => p.similarity !== null)
    .sort((x, y) => (y.similarity ?? 0) - (x.similarity ?? 0));
  const s = (p: PairScore) => p.similarity ?? 0;
  const review = scored.filter((p) => s(p) >= o.review && s(p) < o.threshold);
  const copy = scored.filter((p) => s(p) >= o.threshold);
  const rest = scored.filter((p) => s(p) < o.review).slice(0, o.extraPairs ?? 5);
  return [...review, ...copy, ...rest];
}

export function similarityHtml(
  pairs: PairScore[],
  sources: Map<string, SourceFile[]>,
  o: SimilarityHtmlOptions,
): string {
  const shown = orderForReview(pairs, o);
  const sections = shown.map((p, i) => pairSection(p, i, sources, o)).join('\n');
  const empty = shown.length ? '' : '<p>No pairs to show (fewer than two submissions with code).</p>';
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>Similarity / 유사도</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
.pair{border:1px solid #ccc;border-radius:6px;margin:1.5rem 0;padding:.5rem 1rem}
.REVIEW h2{color:#8a5a00}.COPY h2{color:#b00020}
.sides{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem}
pre{font-size:12px;line-height:1.35;overflow-x:auto;background:#fafafa;padding:.5rem;margin:.25rem 0;max-width:100%}
.ln{color:#999;display:inline-block;width:3.5em;user-select:none}
h3{font-size:13px;margin:.5rem 0 0}
</style></head><body>
<h1>Similarity / 유사도</h1>
<p>${shown.length} of ${pairs.length} pairs shown. REVIEW pairs (${pct(o.review)}–${pct(o.threshold)}) come first: no deduction until a TA decides.
COPY pairs (≥ ${pct(o.threshold)}) scored 0 for both students. Matching fragments share a colour.</p>
${clusterView(clustersOf(pairs, o.review), shown, o.names)}
${empty}${sections}
</body></html>
`;
}

function pairSection(
  p: PairScore,
  index: number,
  sources: Map<string, SourceFile[]>,
  o: SimilarityHtmlOptions,
): string {
  const s = p.similarity ?? 0;
  const verdict = s >= o.threshold ? 'COPY' : s >= o.review ? 'REVIEW' : '';
  const spansA = p.fragments.map((f, i) => ({ span: f.a, colour: PALETTE[i % PALETTE.length] as string }));
  const spansB = p.fragments.map((f, i) => ({ span: f.b, colour: PALETTE[i % PALETTE.length] as string }));
  return `<section class="pair ${verdict}" id="pair-${index + 1}">
<h2>${index + 1}. ${who(p.a, o)} ↔ ${who(p.b, o)}: ${pct(s)} ${verdict}</h2>
<p>${p.fragments.length} matching fragment(s)${p.note ? ` · ${esc(p.note)}` : ''}</p>
<div class="sides"><div>${side(sources.get(p.a) ?? [], spansA)}</div><div>${side(sources.get(p.b) ?? [], spansB)}</div></div>
</section>`;
}

function side(files: SourceFile[], spans: { span: Span; colour: string }[]): string {
  const involved = files.filter((f) => spans.some((s) => s.span.file === f.path));
  return (involved.length ? involved : files)
    .map((f) => {
      const lines = f.content.split('\n').map((text, i) => {
        const hit = spans.find(
          (s) => s.span.file === f.path && i + 1 >= s.span.startLine && i + 1 <= s.span.endLine,
        );
        const body = `<span class="ln">${i + 1}</span>${esc(text)}`;
        return hit ? `<span style="background:${hit.colour}">${body}</span>` : body;
      });
      return `<h3>${esc(f.path)}</h3><pre>${lines.join('\n')}</pre>`;
    })
    .join('\n');
}

function who(id: string, o: SimilarityHtmlOptions): string {
  const name = o.names?.get(id);
  return name ? `${esc(id)} ${esc(name)}` : esc(id);
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
