/** Number formats shared by the terminal, the charts' labels and the PDF: one rounding, thousands grouped. */

export function fmtInt(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

export function fmtMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function fmtRatio(value: number): string {
  return value >= 10 ? `${value.toFixed(0)}×` : `${value.toFixed(1)}×`;
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60]/u;

/** Cells one character takes on a terminal or in a monospace face: Hangul and other wide characters two. */
export const charCells = (ch: string): number => (WIDE.test(ch) ? 2 : 1);

/** Columns of terminal width: Hangul and other wide characters take two cells. */
export function cellWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charCells(ch);
  return width;
}
