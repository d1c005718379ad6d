import { el } from './dom.js';

/** The download tab: each file made by the same view as the CLI flag named beside it. */
const FILES: Array<[string, string, string]> = [
  ['/result.json', 'Result (JSON)', '--json'],
  ['/stats/requests/csv', 'Statistics CSV', '--csv PREFIX → PREFIX_stats.csv'],
  ['/stats/requests_full_history/csv', 'Statistics history CSV', '--csv PREFIX → PREFIX_stats_history.csv'],
  ['/stats/failures/csv', 'Failures CSV', '--csv PREFIX → PREFIX_failures.csv'],
  ['/stats/report?download=1', 'HTML report', '--html'],
];

export function downloadList(): HTMLElement {
  return el(
    'ul',
    { id: 'downloads', class: 'downloads' },
    ...FILES.map(([href, label, flag]) =>
      el('li', {}, el('a', { href }, label), el('span', { class: 'flag' }, ` (as ${flag})`)),
    ),
  );
}
