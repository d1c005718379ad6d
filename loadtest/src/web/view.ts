import type { LoadResult, TimelinePoint } from '../result.js';
import type { LocustStats, RunState } from './locust-stats.js';

/** One second of the live charts: the timeline point without its running totals. */
export type ChartPoint = Omit<TimelinePoint, 'total'>;

/** What the load page shows, sent whole on every change (a late page needs nothing else). */
export interface LoadView {
  kind: 'load';
  host: string | null;
  state: RunState;
  /** The start form is offered: started without -u/-t/-n, and no run going. */
  startForm: boolean;
  /** The form's pre-filled values, in Locust's field names. */
  defaults: { user_count: number; spawn_rate: number; host: string; run_time: string };
  stats: LocustStats;
  /** Every whole second of the run (or since the last reset). */
  timeline: ChartPoint[];
  /** When the first failing request was sent, s. */
  firstFailureSecond: number | null;
  generatorNote: string | null;
  durationSec: number;
  startedAt: string | null;
  /** The last problem to show (a rejected start form). */
  message: string | null;
}

export const chartPoints = (result: LoadResult | null): ChartPoint[] =>
  (result?.timeline ?? []).map(({ total: _total, ...point }) => point);
