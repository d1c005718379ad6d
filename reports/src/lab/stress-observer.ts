import type { Progress } from '@netlab/loadtest';
import type { ScenarioName, StressRun } from '../results.js';

/** What a live view hears of weeks 5 and 6 as they run (the stress runs call it; it never changes them). */
export interface StressObserver {
  /** The subjects, in the order they will run. */
  planned(subjects: string[]): void;
  scenarioStarted(subject: string, scenario: ScenarioName): void;
  /** Each second of the current run, with its live result. */
  progress(p: Progress): void;
  /** A subject's runs are over; `error` when it never started. */
  subjectFinished(subject: string, runs: StressRun[], error: string | null): void;
}
