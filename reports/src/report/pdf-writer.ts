/**
 * Layout primitives over pdfkit: headings, paragraphs, tables, code, vector SVG figures and raster images,
 * with page breaks. Text is set in Noto Sans KR (embedded, subset by pdfkit) so Hangul never shows as boxes.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { koreanFont } from '../fonts.js';
import type { Table } from '../tables.js';

export type Doc = InstanceType<typeof PDFDocument>;

const REGULAR = 'KR';
const BOLD = 'KR-Bold';
const MONO = 'Courier';
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

// Courier (a PDF base font) only carries Latin-1; other lines are set in the Korean font.
const LATIN1 = /^[\u0000-\u00FF]*$/;

/** Source code, 7.5 pt monospace on a grey band, with line numbers from the file. */
export function code(doc: Doc, lines: string[], firstLine: number): void {
  const size = 7.5;
  const lineHeight = size * 1.35;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const maxChars = Math.floor((width - 34) / (size * 0.6));
  doc.moveDown(0.2);
  lines.forEach((raw, i) => {
    ensureSpace(doc, lineHeight);
    const y = doc.y;
    doc.rect(left, y - 1, width, lineHeight).fill('#f4f4f4');
    const text = raw.replace(/\t/g, '  ');
    const shown = text.length > maxChars ? `${text.slice(0, maxChars - 3)}...` : text;
    doc
      .fillColor('#999999')
      .font(MONO)
      .fontSize(size)
      .text(String(firstLine + i).padStart(4), left + 2, y, { lineBreak: false });
    doc
      .fillColor(INK)
      .font(LATIN1.test(shown) ? MONO : REGULAR)
      .fontSize(size)
      .text(shown, left + 30, y, { lineBreak: false });
    doc.y = y + lineHeight;
  });
  doc.x = left;
  doc.font(REGULAR).fontSize(10.5).fillColor(INK);
  doc.moveDown(0.6);
}

/** An SVG chart drawn as PDF vector paths and text (svg-to-pdfkit), scaled to the column width. */
export function svgFigure(doc: Doc, svg: string, width: number, height: number, text: string): void {
  const w = contentWidth(doc);
  const h = (height / width) * w;
  ensureSpace(doc, h + 30);
  const y = doc.y;
  // Size the root in points so the viewBox maps exactly onto the space reserved for it.
  const sized = svg.replace(/^(<svg[^>]*?) width="[\d.]+" height="[\d.]+"/, `$1 width="${w}" height="${h}"`);
  SVGtoPDF(doc as never, sized, doc.page.margins.left, y, {
    width: w,
    height: h,
    assumePt: true,
    fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
  });
  doc.x = doc.page.margins.left;
  doc.y = y + h + 4;
  caption(doc, text);
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
