import { Resvg } from '@resvg/resvg-js';
import { koreanFont } from '../fonts.js';

/**
 * SVG → PNG with resvg (Rust, no browser, no system fonts): the Korean font is handed over explicitly so
 * Hangul names render the same on every machine. 2× scale for sharp slides. Only the regular weight: resvg parses
 * every font file on each render (~0.3 s per 4.5 MB face here), and bold titles read fine in regular.
 */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      fontFiles: [koreanFont('Regular')],
      loadSystemFonts: false,
      defaultFontFamily: 'Noto Sans KR',
    },
  });
  return resvg.render().asPng();
}
