import uPlot from 'uplot';
import { el } from './dom.js';

/**
 * A bar per subject (uPlot's bar paths), for the lab's comparison. A subject without a value (no
 * failure in the ramp, nothing answered) has no bar; its label says why in the legend.
 */
export class BarChart {
  readonly root: HTMLElement;
  private readonly plot: uPlot;
  private names: string[] = [];

  constructor(title: string, unit: string, color: string, id: string) {
    this.root = el('div', { class: 'chart', id });
    this.plot = new uPlot(
      {
        title,
        width: 560,
        height: 220,
        scales: { x: { time: false, range: (_u, _min, max) => [-0.5, Math.max(0.5, max + 0.5)] } },
        axes: [
          { splits: () => this.names.map((_, i) => i), values: () => this.names, gap: 4 },
          { label: unit },
        ],
        series: [
          { label: 'subject', value: (_u, i) => (i === null ? '' : (this.names[i] ?? '')) },
          {
            label: unit,
            fill: color,
            stroke: color,
            paths: uPlot.paths.bars!({ size: [0.6, 80] }),
            points: { show: false },
          },
        ],
        legend: { show: false },
      },
      [[], []],
      this.root,
    );
  }

  update(names: string[], values: Array<number | null>): void {
    this.names = names;
    this.plot.setData([names.map((_, i) => i), values] as uPlot.AlignedData);
    this.root.dataset.bars = String(values.filter((v) => v !== null).length);
  }

  resize(width: number): void {
    this.plot.setSize({ width, height: 220 });
  }
}
