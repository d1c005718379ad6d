/**
 * Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008), in an order where neighbours
 * differ in lightness too, so the series also separate in greyscale print. Black is kept for axes.
 */
export const PALETTE = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#000000',
  '#F0E442', // yellow: weakest on white, so last
] as const;

/** Dash patterns cycled once the palette runs out, so a ninth series is still told apart. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

export function seriesColour(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export function seriesDash(index: number): string {
  return DASHES[Math.floor(index / PALETTE.length) % DASHES.length]!;
}
