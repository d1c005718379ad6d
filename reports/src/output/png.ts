import { Resvg } from '@resvg/resvg-js';
import { koreanFont } from '../fonts.js';

/**
 * SVG → PNG with resvg (Rust, no browser, no system fonts): the Korean font is handed over explicitly so
 * Hangul names render the same on every machine. 2× scale for sharp slides.
 */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      fontFiles: [koreanFont('Regular'), koreanFont('Bold')],
      loadSystemFonts: false,
      defaultFontFamily: 'Noto Sans KR',
    },
  });
  return resvg.render().asPng();
}
