import type { LabView } from '../src/web/lab-view.js';
import { el } from './dom.js';
import { LineChart } from './line-chart.js';

const PALETTE = ['#1f6fb2', '#e0a000', '#2a9d3f', '#c0392b', '#7a4bc2', '#16a2b8', '#8c564b'];

/**
 * Every finished subject's ramp on one chart: successful responses per second, and a dashed line
 * in the subject's colour where its first failing request was sent. Rebuilt when a subject is added
 * (a chart's series are fixed when it is made).
 */
export class RampChart {
  readonly root = el('div', { id: 'ramp-chart' });
  private chart: LineChart | null = null;
  private count = 0;
  private width = 560;

  update(ramps: LabView['ramps']): void {
    if (ramps.length === 0) return;
    if (ramps.length !== this.count) {
      this.chart?.destroy();
      this.chart = new LineChart(
        'Ramp: successful responses/s by subject (dashed: first failure)',
        'per second',
        ramps.map((r, i) => ({ label: r.name, color: PALETTE[i % PALETTE.length]! })),
        'chart-ramps',
      );
      this.chart.resize(this.width);
      this.root.replaceChildren(this.chart.root);
      this.count = ramps.length;
    }
    const seconds = Math.max(...ramps.map((r) => r.points.length));
    const x = Array.from({ length: seconds }, (_, i) => i);
    const ys = ramps.map((r) => x.map((i) => r.points[i]?.[1] ?? null));
    const markers = ramps.flatMap((r, i) =>
      r.firstFailureSecond === null
        ? []
        : [
            {
              x: r.firstFailureSecond,
              label: `${r.name}: first failure`,
              color: PALETTE[i % PALETTE.length]!,
            },
          ],
    );
    this.chart!.update(x, ys, markers);
  }

  resize(width: number): void {
    this.width = width;
    this.chart?.resize(width);
  }
}
