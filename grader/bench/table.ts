export const fixed = (value: number, digits = 2): string =>
  Number.isNaN(value) ? '–' : value.toFixed(digits);

/** A Markdown table, for the terminal and the README block alike. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
