import type { LoadView } from '../src/web/view.js';
import { el } from './dom.js';
import { downloadList } from './downloads.js';
import { FailuresPanel } from './failures.js';
import { Header } from './header.js';
import { LiveCharts } from './live-charts.js';
import { StartForm } from './start-form.js';
import { StatsTable } from './stats-table.js';
import { tabs } from './tabs.js';

const button = (id: string, label: string, path: string) => {
  const b = el('button', { type: 'button', id }, label);
  b.addEventListener('click', () => void fetch(path));
  return b;
};

/** The load runner's page: Locust's header, tabs (statistics, charts, failures, download) and start form. */
export class LoadPage {
  private readonly header = new Header('netlab loadtest');
  private readonly form = new StartForm();
  private readonly table = new StatsTable();
  private readonly charts = new LiveCharts();
  private readonly failures = new FailuresPanel();
  private readonly stop = button('stop', 'STOP', '/stop');
  private readonly message = el('p', { class: 'note', id: 'message', hidden: '' });
  readonly root: HTMLElement;

  constructor() {
    this.header.actions.append(this.stop, button('reset', 'Reset stats', '/stats/reset'));
    const { bar, panels } = tabs(['Statistics', 'Charts', 'Failures', 'Download data']);
    panels.Statistics!.append(this.table.root);
    panels.Charts!.append(this.charts.root);
    panels.Failures!.append(this.failures.root);
    panels['Download data']!.append(downloadList());
    this.root = el(
      'div',
      {},
      this.header.root,
      el('main', {}, this.message, this.form.root, bar, ...Object.values(panels)),
    );
  }

  update(view: LoadView): void {
    const total = view.stats.stats.at(-1);
    this.header.update({
      host: view.host,
      state: view.state,
      users: view.stats.user_count,
      rps: view.stats.total_rps,
      failRatio: view.stats.fail_ratio,
    });
    this.stop.hidden = view.state === 'ready' || view.state === 'stopped';
    this.message.hidden = view.message === null;
    this.message.textContent = view.message ?? '';
    this.form.update(view);
    this.table.update(view.stats.stats);
    this.charts.update(view.timeline, view.firstFailureSecond);
    this.failures.update(view.stats.errors, view.generatorNote);
    document.title = `${view.state} · ${total?.num_requests ?? 0} requests · netlab loadtest`;
  }

  resize(width: number): void {
    this.charts.resize(width);
  }
}
