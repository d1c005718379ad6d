import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from './dom.js';

/** A dashed vertical line at x, e.g. where the first failing request was sent. */
export interface Marker {
  x: number;
  label: string;
  color: string;
}

export interface LineSeries {
  label: string;
  color: string;
  dash?: number[];
}

/**
 * One live line chart (uPlot: canvas, made for streaming time series). x is seconds from the start;
 * a null y is a gap (a second without a success has no response time). Markers are dashed
 * vertical lines, e.g. at the first failing request.
 */
export class LineChart {
  readonly root: HTMLElement;
  private readonly plot: uPlot;
  private markers: Marker[] = [];

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
      hooks: { draw: [(u: uPlot) => this.drawMarkers(u)] },
    };
    this.plot = new uPlot(opts, [[], ...series.map(() => [])], this.root);
    this.root.dataset.points = '0';
  }

  update(x: number[], ys: Array<Array<number | null>>, markers: Marker[] = []): void {
    this.markers = markers;
    this.plot.setData([x, ...ys] as uPlot.AlignedData);
    this.root.dataset.points = String(x.length);
    this.root.dataset.markers = markers.map((m) => m.x).join(' ');
  }

  destroy(): void {
    this.plot.destroy();
  }

  resize(width: number): void {
    this.plot.setSize({ width, height: 240 });
  }

  private drawMarkers(u: uPlot): void {
    const { top, height } = u.bbox;
    const ctx = u.ctx;
    const px = devicePixelRatio;
    ctx.save();
    ctx.font = `${12 * px}px sans-serif`;
    this.markers.forEach((m, i) => {
      const x = Math.round(u.valToPos(m.x, 'x', true));
      ctx.strokeStyle = m.color;
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      // Labels step down so markers close together stay readable.
      const at = { x: x + 4 * px, y: top + height / 2 + i * 16 * px };
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(at.x - 2, at.y - 12 * px, ctx.measureText(m.label).width + 4, 16 * px);
      ctx.fillStyle = m.color;
      ctx.fillText(m.label, at.x, at.y);
    });
    ctx.restore();
  }
}
