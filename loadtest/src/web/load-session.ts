import { LoadtestError } from '../errors.js';
import { type LoadOptionsInput, resolveOptions } from '../options.js';
import type { Progress } from '../progress.js';
import type { LoadResult } from '../result.js';
import { runLoad } from '../run-load.js';
import { CurrentRates } from './current-rates.js';
import { type LocustStats, locustStats, type RunState } from './locust-stats.js';
import { swarmOptions } from './swarm-form.js';
import { chartPoints, type LoadView } from './view.js';

/**
 * One web session of the load runner: at most one run at a time, started by the command line or
 * by the start form, stopped or reset from the page. It only relays runLoad's live results (the
 * same code as the final result) and keeps the latest for the page and the Locust routes.
 */
export class LoadSession {
  private state: RunState = 'ready';
  private latest: LoadResult | null = null;
  private users = 0;
  private host: string | null;
  private message: string | null = null;
  private controller: AbortController | null = null;
  private current: Promise<unknown> = Promise.resolve();
  private readonly resets = new EventTarget();
  private readonly rates = new CurrentRates();
  /** Whether the last run was stopped from the page (a stop asked for, not an interruption). */
  stoppedFromPage = false;

  constructor(
    private readonly base: LoadOptionsInput,
    private readonly interactive: boolean,
    private readonly publish: (view: LoadView) => void,
    /** Called with each finished run before the page hears it stopped (the CLI writes its files here). */
    private readonly onFinished: (result: LoadResult) => Promise<void> = async () => {},
  ) {
    this.host = base.host || null;
  }

  running(): boolean {
    return this.controller !== null;
  }

  /** Starts a run; rejects at once if one is going or the options are wrong. Resolves with its result. */
  start(input: LoadOptionsInput): Promise<LoadResult> {
    if (this.running()) {
      throw new LoadtestError('LOADTEST_OPTIONS_INVALID', 'a run is going: stop it first (GET /stop)');
    }
    const options = resolveOptions(input);
    const controller = new AbortController();
    this.controller = controller;
    this.host = options.host;
    this.state = options.arrivalRate === undefined ? 'spawning' : 'running';
    this.latest = null;
    this.message = null;
    this.users = 0;
    this.stoppedFromPage = false;
    this.rates.clear();
    this.changed();
    const run = runLoad(input, {
      live: true,
      signal: controller.signal,
      control: this.resets,
      onProgress: (p) => this.progress(p, options.users, options.arrivalRate === undefined),
    });
    const settled = run.then(
      async (result) => {
        this.latest = result;
        this.rates.settle(result);
        try {
          await this.onFinished(result);
        } finally {
          this.controller = null;
          this.state = 'stopped';
          this.users = 0;
          this.changed();
        }
        return result;
      },
      (error: unknown) => {
        this.controller = null;
        this.state = 'stopped';
        this.message = (error as Error).message;
        this.changed();
        throw error;
      },
    );
    this.current = settled.catch(() => {});
    return settled;
  }

  /** Resolves when the current run (if any) has ended and its files are written. */
  settled(): Promise<void> {
    return this.current.then(() => {});
  }

  /** Locust's `POST /swarm`: its reply, and the run when one started. */
  swarm(form: URLSearchParams): { reply: Record<string, unknown>; run: Promise<LoadResult> | null } {
    try {
      const input = swarmOptions(form, this.base);
      const run = this.start(input);
      const reply: Record<string, unknown> = { success: true, message: 'Swarming started', host: this.host };
      if (input.runTimeSec !== undefined) reply.run_time = input.runTimeSec;
      return { reply, run };
    } catch (error) {
      this.message = (error as Error).message;
      this.changed();
      return { reply: { success: false, message: this.message, host: this.host }, run: null };
    }
  }

  stop(fromPage: boolean): void {
    if (!this.controller) return;
    this.stoppedFromPage ||= fromPage;
    this.controller.abort('interrupt');
  }

  /** Locust's reset stats: a running run counts afresh from now; a finished one is cleared. */
  resetStats(): void {
    this.rates.clear();
    if (this.running()) this.resets.dispatchEvent(new Event('reset'));
    else this.latest = null;
    this.changed();
  }

  /** The latest result: live during a run (stoppedBy 'running'), final after it. */
  result(): LoadResult | null {
    return this.latest;
  }

  locust(): LocustStats {
    return locustStats(this.latest, this.state, this.users, (m, n) => this.rates.of(m, n));
  }

  view(): LoadView {
    const r = this.latest;
    return {
      kind: 'load',
      host: this.host,
      state: this.state,
      startForm: this.interactive && !this.running(),
      defaults: {
        user_count: this.base.users ?? 10,
        spawn_rate: this.base.spawnRate ?? 1,
        host: this.host ?? '',
        run_time: '',
      },
      stats: this.locust(),
      timeline: chartPoints(r),
      firstFailureSecond: r?.firstFailure?.sentSecond ?? null,
      generatorNote: r?.generatorNote ?? null,
      durationSec: r?.durationSec ?? 0,
      startedAt: r?.startedAt ?? null,
      message: this.message,
    };
  }

  private progress(p: Progress, target: number, closed: boolean): void {
    this.users = p.users;
    if (p.result) {
      this.latest = p.result;
      this.rates.update(p.result, Date.now());
    }
    this.state = closed && p.users < target ? 'spawning' : 'running';
    this.changed();
  }

  private changed(): void {
    this.publish(this.view());
  }
}
