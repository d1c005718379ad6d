import type { LocustStats, RunState } from './locust-stats.js';
import type { ChartPoint } from './view.js';

/** Where a lab subject is: not started, in one of its scenarios, finished, or failed. */
export type SubjectState = 'waiting' | 'ramp' | 'fixed' | 'open' | 'done' | 'failed';

/** A finished subject's numbers on the comparison charts; null where the run had none. */
export interface ComparisonRow {
  name: string;
  /** Best whole second of successful responses in the ramp. */
  maxRps: number | null;
  /** Mean response time of the ramp's successes, ms. */
  meanMs: number | null;
  /** Users running when the ramp's first failing request was sent. */
  usersAtFirstFailure: number | null;
}

/** What the lab page shows, sent whole on every change. */
export interface LabView {
  kind: 'lab';
  title: string;
  subjects: Array<{ name: string; state: SubjectState; note: string | null }>;
  /** The run going on now, with the load page's live numbers. */
  current: {
    subject: string;
    scenario: string;
    state: RunState;
    stats: LocustStats;
    timeline: ChartPoint[];
    firstFailureSecond: number | null;
  } | null;
  comparison: ComparisonRow[];
  /** Each finished subject's ramp: successful responses per whole second, and its first failing request. */
  ramps: Array<{ name: string; points: Array<[number, number]>; firstFailureSecond: number | null }>;
  /** The lab has written its files (the page stays up until Ctrl-C). */
  done: boolean;
  links: Array<{ label: string; href: string }>;
}
