import ExcelJS from 'exceljs';

export interface SheetColumn {
  key: string;
  header: string;
  width: number;
  numeric?: boolean;
}

/** A one-sheet workbook: bold filled header, frozen first row, autofilter; numbers stored as numbers. */
export async function sheetXlsx(
  sheetName: string,
  columns: SheetColumn[],
  rows: Record<string, string>[],
  /** A note on the first header cell: what the sheet leaves out. */
  note?: string,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'netlab grader';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const row of rows) {
    const values: Record<string, string | number> = {};
    for (const c of columns) values[c.key] = cellValue(row[c.key] ?? '', c.numeric);
    ws.addRow(values);
  }
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.alignment = { vertical: 'middle' };
  if (note) ws.getCell(1, 1).note = note;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A numeric column's text as a number; text that is not one stays text, so no cell is ever `NaN`. */
function cellValue(text: string, numeric?: boolean): string | number {
  const x = numeric && text.trim() !== '' ? Number(text) : Number.NaN;
  return Number.isFinite(x) ? x : text;
}
