/** Reads a PDF back with pdf-parse (pdf.js): text, pages and embedded raster images. */
import { PDFParse } from 'pdf-parse';

export interface PdfContent {
  text: string;
  pages: number;
  images: number;
  info: Record<string, unknown>;
}

export async function readPdf(data: Uint8Array): Promise<PdfContent> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const text = await parser.getText();
    const images = await parser.getImage({ imageThreshold: 0, imageBuffer: false, imageDataUrl: false });
    const info = await parser.getInfo();
    return {
      text: text.text,
      pages: text.total,
      images: images.pages.reduce((n, p) => n + p.images.length, 0),
      info: (info.info ?? {}) as Record<string, unknown>,
    };
  } finally {
    await parser.destroy();
  }
}
