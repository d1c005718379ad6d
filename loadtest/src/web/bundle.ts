import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';

export interface PageBundle {
  js: string;
  css: string;
}

const entry = fileURLToPath(new URL('../../page/main.ts', import.meta.url));
let cached: Promise<PageBundle> | null = null;

/**
 * The page's modules, uPlot and its stylesheet as one script and one stylesheet, built in memory by
 * esbuild from node_modules at the first request: nothing is fetched from the internet. esbuild's service
 * process is stopped once the page is built, so a run leaves no child behind.
 */
export function pageBundle(): Promise<PageBundle> {
  cached ??= build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    outdir: 'out',
    logLevel: 'silent',
  }).then(async (result) => {
    await stop();
    const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
    return { js: text('.js'), css: text('.css') };
  });
  return cached;
}
