/** Axis arithmetic: round ("nice") tick steps, as in Heckbert's "Nice Numbers for Graph Labels" (Graphics Gems, 1990). */

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

function niceStep(rough: number, whole: boolean): number {
  if (whole && rough <= 1) return 1;
  const exponent = Math.floor(Math.log10(rough));
  const base = 10 ** exponent;
  const fraction = rough / base;
  const nice =
    fraction <= 1 ? 1 : fraction <= 2 ? 2 : !whole && fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * base;
}

/**
 * Ticks covering [lo, hi] with about `count` intervals, each a round number (1, 2, 2.5 or 5 × 10^k).
 * `whole` keeps to steps of 1, 2 or 5 × 10^k of at least 1, for axes read in whole units such as seconds
 * (0, 5, 10, 15 — never 2.5 or 0.5).
 */
export function niceTicks(lo: number, hi: number, count = 5, whole = false): Ticks {
  let low = Number.isFinite(lo) ? lo : 0;
  let high = Number.isFinite(hi) ? hi : 1;
  if (high < low) [low, high] = [high, low];
  if (high === low) {
    // A flat series still needs an axis: widen around the value.
    const pad = low === 0 ? 1 : Math.abs(low) * 0.5;
    low = low >= 0 && low - pad < 0 ? 0 : low - pad;
    high += pad;
  }
  const step = niceStep((high - low) / Math.max(1, count), whole);
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const values: number[] = [];
  // Round each tick to the step's precision so 0.1 + 0.2 prints as 0.3.
  const digits = decimalsFor(step);
  for (let i = 0; min + i * step <= max + step * 1e-9; i++) {
    values.push(Number((min + i * step).toFixed(digits)));
  }
  return { min, max, step, values };
}

function decimalsFor(step: number): number {
  if (step >= 1) return 0;
  const text = step.toPrecision(12).replace(/0+$/, '');
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(10, text.length - dot - 1);
}

/**
 * Tick labels for one axis: thousands grouped, `k`/`M` once the axis passes 10,000 (the same unit on every tick),
 * decimals only as many as the step needs.
 */
export function tickFormat(ticks: Pick<Ticks, 'step' | 'values'>): (value: number) => string {
  const top = Math.max(0, ...ticks.values.map(Math.abs));
  const div = top >= 1e7 && ticks.step >= 1e5 ? 1e6 : top >= 1e4 && ticks.step >= 1e3 ? 1e3 : 1;
  const unit = div === 1e6 ? 'M' : div === 1e3 ? 'k' : '';
  const decimals = decimalsFor(ticks.step / div);
  return (value) => (value === 0 ? '0' : `${formatNumber(value / div, decimals)}${unit}`);
}

/** A measured value for a label: three significant figures at most, grouped thousands. */
export function formatValue(value: number): string {
  const abs = Math.abs(value);
  return formatNumber(value, abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2);
}

export function formatNumber(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A linear map from a data domain onto a pixel range. */
export function linear(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}
