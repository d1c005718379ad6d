/**
 * The course asks for a capture of the run. Rather than a screenshot, the lab renders its own final table as a
 * terminal-style picture (SVG → PNG). Cells are placed by column, so no monospace font is needed.
 */
import { cellWidth } from '../format.js';
import type { Table } from '../tables.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const CHAR = 6.6;
const MAX_CELL = 48;
const clip = (s: string) => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s);
const ROW = 17;

export function terminalCaptureSvg(
  command: string,
  tables: Table[],
): { svg: string; width: number; height: number } {
  const lines: {
    y: number;
    cells: { x: number; text: string; anchor: 'start' | 'end'; colour: string }[];
  }[] = [];
  let y = 44;
  let width = 360;
  lines.push({ y, cells: [{ x: 14, text: `$ ${command}`, anchor: 'start', colour: '#8ae234' }] });
  for (const t of tables) {
    y += ROW * 1.5;
    lines.push({ y, cells: [{ x: 14, text: t.title, anchor: 'start', colour: '#fce94f' }] });
    const rows = [t.headers, ...t.rows].map((r) => r.map(clip));
    const widths = t.headers.map((_, i) => Math.max(...rows.map((r) => cellWidth(r[i] ?? '')), 3) * CHAR);
    const starts = widths.map((_, i) => 14 + widths.slice(0, i).reduce((a, b) => a + b + 14, 0));
    width = Math.max(width, starts.at(-1)! + widths.at(-1)! + 14);
    for (const [index, row] of rows.entries()) {
      y += ROW;
      lines.push({
        y,
        cells: row.map((text, i) => ({
          x: t.numeric[i] ? starts[i]! + widths[i]! : starts[i]!,
          text,
          anchor: t.numeric[i] ? ('end' as const) : ('start' as const),
          colour: index === 0 ? '#729fcf' : text === 'FAIL' ? '#ef2929' : '#eeeeec',
        })),
      });
    }
  }
  const height = y + 20;
  const body = lines
    .flatMap((l) =>
      l.cells.map(
        (c) =>
          `<text x="${c.x.toFixed(1)}" y="${l.y}" fill="${c.colour}" text-anchor="${c.anchor}">${esc(c.text)}</text>`,
      ),
    )
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(0)}" height="${height}" viewBox="0 0 ${width.toFixed(0)} ${height}" font-family="'Noto Sans KR', sans-serif" font-size="11">` +
    `<rect width="100%" height="100%" rx="6" fill="#2e3436"/>` +
    `<circle cx="16" cy="14" r="5" fill="#ef2929"/><circle cx="32" cy="14" r="5" fill="#fce94f"/><circle cx="48" cy="14" r="5" fill="#8ae234"/>` +
    `${body}</svg>`;
  return { svg, width: Math.round(width), height };
}
