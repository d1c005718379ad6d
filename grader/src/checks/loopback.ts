import { loopbackUrls, mayHoldUrl } from './loopback-urls.js';
import { type Ocr, ocrImage } from './ocr.js';
import type { PdfImage } from './pdf-read.js';

/** Where the report shows its load test ran against this machine, and how much of it could be read. */
export interface LoopbackCheck {
  /** The first local target found: its URL and where (`text`, or `image 2 on page 3`). */
  found: { url: string; where: string } | null;
  imagesRead: number;
  imagesTotal: number;
  /** Why the images were not read (no tesseract): the check then rests on the text alone, and says so. */
  imagesSkipped?: string;
  /** Images tesseract failed on, with its reason. */
  imageErrors: string[];
}

/** Icons and bullets: too small to hold a readable URL, and not worth a tesseract run each. */
const MIN_SIDE = 64;

/**
 * Searches the text, then each image by OCR, stopping at the first URL whose host is this machine. An image is read
 * at its own size first; one whose text looks like it holds a URL is read again enlarged, where small screen text
 * (Locust's header) comes out right.
 */
export async function checkLoopback(text: string, images: PdfImage[], ocr: Ocr): Promise<LoopbackCheck> {
  const candidates = images.filter((i) => i.width >= MIN_SIDE && i.height >= MIN_SIDE);
  const result: LoopbackCheck = {
    found: null,
    imagesRead: 0,
    imagesTotal: candidates.length,
    imageErrors: [],
  };
  const inText = loopbackUrls(text)[0];
  if (inText) return { ...result, found: { url: inText, where: 'text' } };
  if (!ocr.available) return candidates.length ? { ...result, imagesSkipped: ocr.reason } : result;
  for (const [index, image] of candidates.entries()) {
    const where = `image ${index + 1} on page ${image.page}`;
    try {
      const text = await ocrImage(image.png, ocr);
      let url = loopbackUrls(text)[0];
      if (!url && mayHoldUrl(text)) url = loopbackUrls(await ocrImage(image.png, ocr, { enlarge: true }))[0];
      result.imagesRead += 1;
      if (url) return { ...result, found: { url, where } };
    } catch (error) {
      result.imageErrors.push(`${where}: ${(error as Error).message}`);
    }
  }
  return result;
}
