import {
  chartPoints,
  type ComparisonRow,
  CurrentRates,
  type LabView,
  type LoadResult,
  locustStats,
  type Progress,
  type SubjectState,
} from '@netlab/loadtest';
import { findRun, metricValue, successes } from '../metrics.js';
import type { ScenarioName, StressRun } from '../results.js';
import type { StressObserver } from '../lab/stress-observer.js';

/**
 * The lab page's state, kept from the stress runs' events: each subject's state, the current run's
 * live numbers (the load page's own views), and the comparison row of each finished subject,
 * computed by the same metrics as the lab's table.
 */
export class LabViewState implements StressObserver {
  private subjects: LabView['subjects'] = [];
  private current: {
    subject: string;
    scenario: ScenarioName;
    result: LoadResult | null;
    users: number;
  } | null = null;
  private readonly rates = new CurrentRates();
  private readonly comparison: ComparisonRow[] = [];
  private readonly ramps: LabView['ramps'] = [];
  private links: LabView['links'] = [];
  private done = false;

  constructor(
    private readonly title: string,
    private readonly publish: (view: LabView) => void,
  ) {}

  planned(subjects: string[]): void {
    this.subjects = subjects.map((name) => ({ name, state: 'waiting', note: null }));
    this.changed();
  }

  scenarioStarted(subject: string, scenario: ScenarioName): void {
    this.set(subject, scenario, null);
    this.current = { subject, scenario, result: null, users: 0 };
    this.rates.clear();
    this.changed();
  }

  progress(p: Progress): void {
    if (!this.current || !p.result) return;
    this.current.result = p.result;
    this.current.users = p.users;
    this.rates.update(p.result, Date.now());
    this.changed();
  }

  subjectFinished(subject: string, all: StressRun[], error: string | null): void {
    const runs = all.filter((r) => r.subject.name === subject);
    // Failed: it never started, or no request of any scenario succeeded (the note says why).
    const measured = runs.some((r) => r.result !== null && successes(r.result) > 0);
    const problems = runs.map((r) => r.error).filter((e): e is string => e !== null);
    this.set(subject, error === null && measured ? 'done' : 'failed', error ?? problems[0] ?? null);
    const ramp = findRun(runs, subject, 'ramp');
    if (ramp?.result) {
      this.ramps.push({
        name: subject,
        points: ramp.result.timeline.map((p): [number, number] => [p.second, p.rps]),
        firstFailureSecond: ramp.result.firstFailure?.sentSecond ?? null,
      });
    }
    this.comparison.push({
      name: subject,
      maxRps: metricValue(ramp, 'max_rps'),
      meanMs: metricValue(ramp, 'mean_response_ms'),
      usersAtFirstFailure: metricValue(ramp, 'users_at_first_failure'),
    });
    // The current run's final numbers replace its last live ones.
    const last =
      this.current?.subject === subject ? findRun(runs, subject, this.current.scenario) : undefined;
    if (this.current && last?.result) {
      this.current.result = last.result;
      this.rates.settle(last.result);
    }
    this.changed();
  }

  /** The lab has written its files: the page shows the final comparison and links to them. */
  finished(links: LabView['links']): void {
    this.done = true;
    this.links = links;
    this.changed();
  }

  view(): LabView {
    const c = this.current;
    const state = this.done || !c ? 'stopped' : 'running';
    return {
      kind: 'lab',
      title: this.title,
      subjects: this.subjects,
      current: c && {
        subject: c.subject,
        scenario: c.scenario,
        state,
        stats: locustStats(c.result, state, c.users, (m, n) => this.rates.of(m, n)),
        timeline: chartPoints(c.result),
        firstFailureSecond: c.result?.firstFailure?.sentSecond ?? null,
      },
      comparison: this.comparison,
      ramps: this.ramps,
      done: this.done,
      links: this.links,
    };
  }

  private set(subject: string, state: SubjectState, note: string | null): void {
    const row = this.subjects.find((s) => s.name === subject);
    if (row) Object.assign(row, { state, note });
  }

  private changed(): void {
    this.publish(this.view());
  }
}
