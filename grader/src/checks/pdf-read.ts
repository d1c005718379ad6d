import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';

export interface PdfContent {
  text: string;
  images: number;
  /** The embedded images as PNG (pdf.js re-encodes them), page numbers from 1; only when asked for. */
  imageData?: PdfImage[];
}

export interface PdfImage {
  page: number;
  png: Uint8Array;
  width: number;
  height: number;
}

/** Why a PDF could not be read, in words a student understands. */
export class PdfUnreadable extends Error {}

const PARSE_TIMEOUT_MS = 30_000;

/** Text and embedded-image count (and, with `withImages`, the images) of a PDF, via pdf-parse (pdf.js). Never hangs past the timeout. */
export async function readPdf(
  file: string,
  { timeoutMs = PARSE_TIMEOUT_MS, withImages = false } = {},
): Promise<PdfContent> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    throw new PdfUnreadable('the PDF file cannot be read');
  }
  const parser = new PDFParse({ data: new Uint8Array(data) });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PdfUnreadable(`the PDF took over ${timeoutMs / 1000} s to parse`)),
      timeoutMs,
    );
  });
  try {
    const text = await Promise.race([parser.getText(), timeout]);
    const images = await Promise.race([
      parser.getImage({ imageThreshold: 0, imageBuffer: withImages, imageDataUrl: false }),
      timeout,
    ]);
    const count = images.pages.reduce((n, p) => n + p.images.length, 0);
    if (!withImages) return { text: text.text, images: count };
    const imageData = images.pages.flatMap((p) =>
      p.images.map((i) => ({ page: p.pageNumber, png: i.data, width: i.width, height: i.height })),
    );
    return { text: text.text, images: count, imageData };
  } catch (error) {
    throw error instanceof PdfUnreadable ? error : new PdfUnreadable(describePdfError(error));
  } finally {
    clearTimeout(timer);
    await parser.destroy().catch(() => undefined);
  }
}

function describePdfError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'PasswordException') return 'the PDF is password-protected';
  if (name === 'InvalidPDFException' || name === 'FormatError') return 'the PDF is corrupt';
  return `the PDF could not be parsed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
}
