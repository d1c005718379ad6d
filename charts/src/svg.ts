/** SVG text helpers shared by the charts. */

/**
 * Fonts tried in order: Noto Sans KR first (the reports embed it from @embedpdf/fonts-kr and hand it to resvg,
 * so Hangul renders), then fonts every browser or Linux box has.
 */
export const FONT_FAMILY =
  "'Noto Sans KR', 'Noto Sans CJK KR', 'Malgun Gothic', 'DejaVu Sans', Arial, sans-serif";

// XML 1.0 forbids most C0 controls even when escaped; drop them rather than emit a broken document.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? round(v) : v!)}"`)
    .join('');
}

/** Two decimals are plenty for pixels and keep the documents small. */
export function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export function el(name: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, ...a }, escapeXml(content));
}

/**
 * Rough rendered width of a label, for layout only: wide (CJK, Hangul) characters count as one em, others as
 * 0.6 em — close enough for Noto Sans and DejaVu Sans to keep legends and labels from overlapping.
 */
export function textWidth(content: string, fontSize: number): number {
  let ems = 0;
  for (const ch of content) {
    ems += /[\u1100-\u11FF\u2E80-\uA4CF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFF60]/u.test(ch) ? 1 : 0.6;
  }
  return ems * fontSize;
}

/** The outer `<svg>` with a white background, so PNGs and dark-mode viewers show the same picture. */
export function document(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${round(height)}" ` +
    `viewBox="0 0 ${round(width)} ${round(height)}" font-family="${escapeXml(FONT_FAMILY)}" role="img">` +
    `<title>${escapeXml(title)}</title>` +
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }) +
    body +
    '</svg>'
  );
}
