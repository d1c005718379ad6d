import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { ResponseTimeSummary } from './result.js';

export type { Histogram };

/**
 * Response times are recorded in microseconds. Run-wide histograms keep 3 significant digits
 * (HdrHistogram's usual 0.1%); the one-per-second histograms keep 2 (1%, ample for p50/p95 charts)
 * so that a long run's thousands of them stay small and recording stays cheap (a packed array
 * would be 4x slower to record into).
 */
export type Precision = 'fine' | 'coarse';

export function newHistogram(precision: Precision = 'fine'): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: precision === 'fine' ? 3_600_000_000 : 60_000_000,
    numberOfSignificantValueDigits: precision === 'fine' ? 3 : 2,
    autoResize: true,
  });
}

export const encodeHistogram = (h: Histogram): string => hdr.encodeIntoCompressedBase64(h);

export function decodeHistogram(base64: string, precision: Precision = 'fine'): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(base64);
  const h = newHistogram(precision);
  h.add(decoded);
  decoded.destroy();
  return h;
}

/** Milliseconds to the microsecond recorded: loopback p50s are a few tenths of a ms. */
const ms = (us: number): number => Math.round(us) / 1000;

/** avg/min/max and percentiles in milliseconds; all zero when nothing was recorded. */
export function summarizeHistogram(h: Histogram): ResponseTimeSummary {
  if (h.totalCount === 0) return { avg: 0, min: 0, max: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0 };
  // HDR reports a bucket's highest equivalent value; no percentile may exceed the maximum seen.
  const at = (p: number) => Math.min(ms(h.getValueAtPercentile(p)), ms(h.maxValue));
  return {
    avg: ms(h.mean),
    min: ms(h.minNonZeroValue),
    max: ms(h.maxValue),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    p66: at(66),
    p75: at(75),
    p80: at(80),
    p98: at(98),
    p9999: at(99.99),
  };
}

/** A percentile in ms, 0 for an empty histogram. */
export function percentileMs(h: Histogram, p: number): number {
  return h.totalCount === 0 ? 0 : ms(h.getValueAtPercentile(p));
}
