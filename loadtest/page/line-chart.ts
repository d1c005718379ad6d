import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from './dom.js';

export interface LineSeries {
  label: string;
  color: string;
  dash?: number[];
}

/**
 * One live line chart (uPlot: canvas, made for streaming time series). x is seconds from the start;
 * a null y is a gap (a second without a success has no response time). An optional marker draws a
 * dashed vertical line, e.g. at the first failing request.
 */
export class LineChart {
  readonly root: HTMLElement;
  private readonly plot: uPlot;
  private marker: number | null = null;

  constructor(title: string, yLabel: string, series: LineSeries[], id: string) {
    this.root = el('div', { class: 'chart', id });
    const opts: uPlot.Options = {
      title,
      width: 560,
      height: 240,
      scales: { x: { time: false } },
      axes: [{ label: 'second' }, { label: yLabel }],
      series: [
        { label: 's' },
        ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, spanGaps: false })),
      ],
      hooks: { draw: [(u: uPlot) => this.drawMarker(u)] },
    };
    this.plot = new uPlot(opts, [[], ...series.map(() => [])], this.root);
    this.root.dataset.points = '0';
  }

  update(x: number[], ys: Array<Array<number | null>>, marker: number | null = null): void {
    this.marker = marker;
    this.plot.setData([x, ...ys] as uPlot.AlignedData);
    this.root.dataset.points = String(x.length);
    this.root.dataset.marker = marker === null ? '' : String(marker);
  }

  resize(width: number): void {
    this.plot.setSize({ width, height: 240 });
  }

  private drawMarker(u: uPlot): void {
    if (this.marker === null) return;
    const x = Math.round(u.valToPos(this.marker, 'x', true));
    const { top, height } = u.bbox;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#c0392b';
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    const label = 'first failure';
    ctx.font = `${12 * devicePixelRatio}px sans-serif`;
    const at = { x: x + 4 * devicePixelRatio, y: top + height / 2 };
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(
      at.x - 2,
      at.y - 12 * devicePixelRatio,
      ctx.measureText(label).width + 4,
      16 * devicePixelRatio,
    );
    ctx.fillStyle = '#c0392b';
    ctx.fillText(label, at.x, at.y);
    ctx.restore();
  }
}
