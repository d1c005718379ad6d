import type { LabView } from '../src/web/lab-view.js';
import { BarChart } from './bar-chart.js';
import { decimal, el, whole } from './dom.js';
import { Header } from './header.js';
import { LiveCharts } from './live-charts.js';
import { RampChart } from './ramp-chart.js';
import { StatsTable } from './stats-table.js';

/** The lab's page: every subject's state, the current run live, the comparison as subjects finish. */
export class LabPage {
  private readonly header = new Header('netlab lab');
  private readonly subjects = el('tbody');
  private readonly current = el('h2', { id: 'current' });
  private readonly charts = new LiveCharts();
  private readonly table = new StatsTable();
  private readonly bars = [
    new BarChart('Ramp: max requests/s (best second of successes)', 'req/s', '#2a9d3f', 'bar-max-rps'),
    new BarChart('Ramp: mean response time (ms, successes)', 'ms', '#7a4bc2', 'bar-mean-ms'),
    new BarChart('Ramp: users at the first failure (none: no bar)', 'users', '#c0392b', 'bar-first-failure'),
  ];
  private readonly ramps = new RampChart();
  private readonly comparison = el('tbody');
  private readonly links = el('ul', { id: 'links', class: 'downloads' });
  readonly root: HTMLElement;

  constructor() {
    const head = (...names: string[]) => el('thead', {}, el('tr', {}, ...names.map((n) => el('th', {}, n))));
    this.root = el(
      'div',
      {},
      this.header.root,
      el(
        'main',
        {},
        el('h2', {}, 'Subjects'),
        el('table', { id: 'subjects', class: 'stats' }, head('Subject', 'State', 'Note'), this.subjects),
        this.current,
        this.charts.root,
        this.table.root,
        el('h2', {}, 'Comparison'),
        el(
          'table',
          { id: 'comparison', class: 'stats' },
          head('Subject', 'Max req/s', 'Mean ms', 'Users at 1st failure'),
          this.comparison,
        ),
        el(
          'div',
          { class: 'charts', id: 'comparison-charts' },
          ...this.bars.map((b) => b.root),
          this.ramps.root,
        ),
        el('h2', {}, 'Files'),
        this.links,
      ),
    );
  }

  update(view: LabView): void {
    const c = view.current;
    this.header.update({
      host: view.title,
      state: view.done ? 'done' : (c?.state ?? 'ready'),
      users: c?.stats.user_count ?? 0,
      rps: c?.stats.total_rps ?? 0,
      failRatio: c?.stats.fail_ratio ?? 0,
    });
    this.subjects.replaceChildren(
      ...view.subjects.map((s) =>
        el(
          'tr',
          { 'data-subject': s.name, 'data-state': s.state },
          el('td', {}, s.name),
          el('td', { class: `state-${s.state}` }, s.state),
          el('td', {}, s.note ?? ''),
        ),
      ),
    );
    this.current.textContent = view.done
      ? 'All runs done'
      : c
        ? `Now: ${c.subject} · ${c.scenario}`
        : 'Starting…';
    if (c) {
      this.charts.update(c.timeline, c.firstFailureSecond);
      this.table.update(c.stats.stats);
    }
    const rows = view.comparison;
    const cell = (x: number | null, f: (n: number) => string) =>
      el('td', { class: 'num' }, x === null ? '—' : f(x));
    this.comparison.replaceChildren(
      ...rows.map((r) =>
        el(
          'tr',
          { 'data-subject': r.name },
          el('td', {}, r.name),
          cell(r.maxRps, whole),
          cell(r.meanMs, decimal),
          cell(r.usersAtFirstFailure, whole),
        ),
      ),
    );
    const names = rows.map((r) => r.name);
    this.bars[0]!.update(
      names,
      rows.map((r) => r.maxRps),
    );
    this.bars[1]!.update(
      names,
      rows.map((r) => r.meanMs),
    );
    this.bars[2]!.update(
      names,
      rows.map((r) => r.usersAtFirstFailure),
    );
    this.ramps.update(view.ramps);
    this.links.replaceChildren(...view.links.map((l) => el('li', {}, el('a', { href: l.href }, l.label))));
  }

  resize(width: number): void {
    this.charts.resize(width);
    for (const b of this.bars) b.resize(width);
    this.ramps.resize(width);
  }
}
