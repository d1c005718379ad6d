/**
 * Layout primitives over pdfkit: headings, paragraphs, tables, code and raster figures, with page breaks. Text is set in Noto Sans KR (embedded, subset by pdfkit) so Hangul never shows as boxes.
 */
import PDFDocument from 'pdfkit';
import { koreanFont, monoFont } from '../fonts.js';
import { charCells } from '../format.js';
import type { Table } from '../tables.js';

export type Doc = InstanceType<typeof PDFDocument>;

const REGULAR = 'KR';
const BOLD = 'KR-Bold';
const MONO = 'Mono';
const MARGIN = 50;
const INK = '#222222';
const MUTED = '#666666';

export function createDoc(title: string, author: string | null): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: title, Author: author ?? 'netlab', Creator: 'netlab lab (pdfkit)' },
    bufferPages: true,
  });
  doc.registerFont(REGULAR, koreanFont('Regular'));
  doc.registerFont(BOLD, koreanFont('Bold'));
  doc.registerFont(MONO, monoFont());
  doc.font(REGULAR).fontSize(10.5).fillColor(INK);
  return doc;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

export function heading(doc: Doc, text: string, level: 1 | 2 | 3): void {
  const size = level === 1 ? 20 : level === 2 ? 15 : 12;
  ensureSpace(doc, size * 4);
  doc.moveDown(level === 1 ? 0 : 0.8);
  doc
    .font(BOLD)
    .fontSize(size)
    .fillColor(INK)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc.font(REGULAR).fontSize(10.5);
}

export function paragraph(doc: Doc, text: string, options: { muted?: boolean; size?: number } = {}): void {
  doc
    .font(REGULAR)
    .fontSize(options.size ?? 10.5)
    .fillColor(options.muted ? MUTED : INK)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc), lineGap: 2.5, align: 'left' });
  doc.moveDown(0.5);
  doc.fillColor(INK);
}

export function bullets(doc: Doc, items: string[]): void {
  for (const item of items) {
    doc
      .font(REGULAR)
      .fontSize(10.5)
      .text(`•  ${item}`, doc.page.margins.left + 8, doc.y, { width: contentWidth(doc) - 8, lineGap: 2 });
    doc.moveDown(0.2);
  }
  doc.moveDown(0.3);
}

export function caption(doc: Doc, text: string): void {
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor(MUTED)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc), align: 'center' });
  doc.fillColor(INK).fontSize(10.5);
  doc.moveDown(0.6);
}

/**
 * A table with a shaded bold header, repeated after a page break. Column widths follow the content (pdfkit's own
 * table measured every cell many times over: seconds per table with an embedded CJK font).
 */
export function table(doc: Doc, t: Table, fontSize = 8): void {
  const pad = 3;
  const width = contentWidth(doc);
  const left = doc.page.margins.left;
  const measure = (text: string, bold: boolean) =>
    doc
      .font(bold ? BOLD : REGULAR)
      .fontSize(fontSize)
      .widthOfString(text);
  const natural = t.headers.map(
    (h, i) => Math.max(measure(h, true), ...t.rows.map((r) => measure(r[i] ?? '', false))) + 2 * pad,
  );
  const total = natural.reduce((a, b) => a + b, 0);
  // Too wide: shrink the widest columns first, down to a floor, so short numeric columns stay on one line.
  const widths = total <= width ? natural.map((w) => (w * width) / total) : fitColumns(natural, width);
  const rowHeight = (cells: string[], bold: boolean) =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(bold ? BOLD : REGULAR)
          .fontSize(fontSize)
          .heightOfString(c, { width: widths[i]! - 2 * pad }),
      ),
    ) +
    2 * pad;
  const drawRow = (cells: string[], header: boolean) => {
    const h = rowHeight(cells, header);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (!header) drawRow(t.headers, true);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      if (header) doc.rect(x, y, w, h).fill('#e8eef5');
      doc.rect(x, y, w, h).lineWidth(0.5).stroke('#b0b8c0');
      doc
        .fillColor(c === 'FAIL' ? '#C0392B' : INK)
        .font(header ? BOLD : REGULAR)
        .fontSize(fontSize)
        .text(c, x + pad, y + pad, { width: w - 2 * pad, align: t.numeric[i] && !header ? 'right' : 'left' });
      x += w;
    });
    doc.y = y + h;
  };
  ensureSpace(doc, 40);
  drawRow(t.headers, true);
  for (const row of t.rows) drawRow(row, false);
  doc.fillColor(INK).font(REGULAR).fontSize(10.5);
  doc.x = left;
  doc.moveDown(0.6);
}

/** Water-filling: columns narrower than a fair share keep their width; the wide ones split what is left. */
function fitColumns(natural: number[], width: number): number[] {
  const widths: (number | null)[] = natural.map(() => null);
  let remaining = width;
  for (;;) {
    const open = natural.map((w, i) => ({ w, i })).filter(({ i }) => widths[i] === null);
    if (open.length === 0) break;
    const share = remaining / open.length;
    const fits = open.filter(({ w }) => w <= share);
    if (fits.length === 0) {
      for (const { i } of open) widths[i] = share;
      break;
    }
    for (const { w, i } of fits) {
      widths[i] = w;
      remaining -= w;
    }
  }
  return widths.map((w) => w!);
}

/** A source line cut into rows of at most `columns` cells; never truncated. */
export function wrapCode(line: string, columns: number): string[] {
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const ch of line) {
    const w = charCells(ch);
    if (used + w > columns) {
      rows.push(row);
      row = '';
      used = 0;
    }
    row += ch;
    used += w;
  }
  rows.push(row);
  return rows;
}

/**
 * Source code, 7.5 pt monospace (D2Coding) on a grey band, with line numbers from the file. A line wider than
 * the page wraps onto rows marked ↪ instead of being cut.
 */
export function code(doc: Doc, lines: string[], firstLine: number): void {
  const size = 7.5;
  const lineHeight = size * 1.35;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const gutter = 30;
  const columns = Math.floor((width - gutter - 4) / (size * 0.5));
  doc.moveDown(0.2);
  doc.font(MONO).fontSize(size);
  lines.forEach((raw, i) => {
    wrapCode(raw.replace(/\t/g, '    '), columns).forEach((row, r) => {
      ensureSpace(doc, lineHeight);
      const y = doc.y;
      doc.rect(left, y - 1, width, lineHeight).fill('#f4f4f4');
      doc
        .fillColor('#999999')
        .font(MONO)
        .fontSize(size)
        .text(r === 0 ? String(firstLine + i).padStart(4) : '   ↪', left + 2, y, { lineBreak: false });
      doc
        .fillColor(INK)
        .font(MONO)
        .fontSize(size)
        .text(row, left + gutter, y, { lineBreak: false });
      doc.y = y + lineHeight;
    });
  });
  doc.x = left;
  doc.font(REGULAR).fontSize(10.5).fillColor(INK);
  doc.moveDown(0.6);
}

export function imageFigure(doc: Doc, png: Buffer, width: number, height: number, text: string): void {
  const w = Math.min(contentWidth(doc), width);
  const h = (height / width) * w;
  ensureSpace(doc, h + 30);
  const y = doc.y;
  doc.image(png, doc.page.margins.left, y, { width: w, height: h });
  doc.y = y + h + 4;
  caption(doc, text);
}

/** Page numbers in the footer, once every page exists. */
export function numberPages(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page: lift the margin while we do.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 16;
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${i + 1} / ${range.count}`, doc.page.margins.left, y, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
}

/** Collects the document into one buffer. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
