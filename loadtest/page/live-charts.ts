import type { ChartPoint } from '../src/web/view.js';
import { el } from './dom.js';
import { LineChart } from './line-chart.js';

/**
 * Locust's three charts over the whole run: requests/s (successes and failures, as Locust's RPS)
 * with failures/s, median and 95th percentile response time of successes, and users.
 */
export class LiveCharts {
  private readonly rps = new LineChart(
    'Total requests per second',
    'per second',
    [
      { label: 'RPS', color: '#2a9d3f' },
      { label: 'Failures/s', color: '#c0392b', dash: [6, 3] },
    ],
    'chart-rps',
  );
  private readonly times = new LineChart(
    'Response times (ms)',
    'ms',
    [
      { label: 'Median', color: '#e0a000' },
      { label: '95% percentile', color: '#7a4bc2' },
    ],
    'chart-times',
  );
  private readonly users = new LineChart(
    'Number of users',
    'users',
    [{ label: 'Users', color: '#1f6fb2' }],
    'chart-users',
  );
  readonly root = el('div', { class: 'charts' }, this.rps.root, this.times.root, this.users.root);

  update(points: ChartPoint[], firstFailureSecond: number | null): void {
    const x = points.map((p) => p.second);
    const markers =
      firstFailureSecond === null
        ? []
        : [{ x: firstFailureSecond, label: 'first failure', color: '#c0392b' }];
    this.rps.update(x, [points.map((p) => p.rps + p.failures), points.map((p) => p.failures)], markers);
    this.times.update(x, [points.map((p) => p.p50), points.map((p) => p.p95)]);
    this.users.update(x, [points.map((p) => p.users)]);
  }

  resize(width: number): void {
    for (const chart of [this.rps, this.times, this.users]) chart.resize(width);
  }
}
