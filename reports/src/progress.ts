/**
 * Progress on stderr: which subject, which scenario, elapsed and an estimate of what remains. On a terminal the
 * live line is rewritten in place; in a log (CI) a line is printed every few seconds instead.
 */
import type { Progress as LoadProgress } from '@netlab/loadtest';

export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

const clock = (sec: number) => {
  const s = Math.max(0, Math.round(sec));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export class LabProgress {
  private readonly started = Date.now();
  private plannedSec: number;
  private lastLogged = 0;
  private live = false;

  constructor(
    private readonly label: string,
    plannedSec: number,
    private readonly sink: ProgressSink = process.stderr,
    private readonly quiet = false,
  ) {
    this.plannedSec = plannedSec;
  }

  elapsedSec(): number {
    return (Date.now() - this.started) / 1000;
  }

  private stamp(): string {
    const elapsed = this.elapsedSec();
    return `${clock(elapsed)} / ~${clock(Math.max(elapsed, this.plannedSec))}`;
  }

  /** A line that stays: a step starting or finishing. */
  step(text: string): void {
    if (this.quiet) return;
    this.endLive();
    this.sink.write(`[${this.label} ${this.stamp()}] ${text}\n`);
  }

  /** The live line during a load run. */
  load(prefix: string, p: LoadProgress): void {
    if (this.quiet) return;
    const total = p.totalSec ? `/${p.totalSec.toFixed(0)}` : '';
    const text = `[${this.label} ${this.stamp()}] ${prefix} · ${p.elapsedSec.toFixed(0)}${total} s · users ${p.users} · ${p.rps} req/s · fails ${p.failures} · p95 ${p.p95.toFixed(1)} ms`;
    if (this.sink.isTTY) {
      this.sink.write(`\r\u001b[2K${text}`);
      this.live = true;
    } else if (Date.now() - this.lastLogged >= 3000) {
      this.lastLogged = Date.now();
      this.sink.write(`${text}\n`);
    }
  }

  /** Moves the estimate when a step ends early (first failure) or is skipped (server never started). */
  adjust(deltaSec: number): void {
    this.plannedSec = Math.max(this.elapsedSec(), this.plannedSec + deltaSec);
  }

  private endLive(): void {
    if (this.live) {
      this.sink.write('\n');
      this.live = false;
    }
  }

  done(text: string): void {
    this.step(text);
  }
}
