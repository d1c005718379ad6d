import { cellWidth } from '../format.js';
import type { Table } from '../tables.js';

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - cellWidth(text)));
  return right ? fill + text : text + fill;
}

/** A plain-text table (monospace terminals), numbers right-aligned. */
export function renderTable(table: Table): string {
  const widths = table.headers.map((h, i) =>
    Math.max(cellWidth(h), ...table.rows.map((r) => cellWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, table.numeric[i]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [table.title, line(table.headers), rule, ...table.rows.map(line)].join('\n');
}
