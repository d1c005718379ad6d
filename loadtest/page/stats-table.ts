import type { LocustStatsRow } from '../src/web/locust-stats.js';
import { decimal, el, whole } from './dom.js';

/** Milliseconds: loopback times are fractions of a millisecond, so small ones keep two decimals. */
const ms = (x: number): string => (x < 10 ? decimal(x) : whole(x));

/** Locust's statistics columns, each with the field of `GET /stats/requests` it shows. */
const COLUMNS: Array<[string, (r: LocustStatsRow) => string, (r: LocustStatsRow) => number | string]> = [
  ['Type', (r) => r.method, (r) => r.method],
  ['Name', (r) => r.name, (r) => r.name],
  ['# Requests', (r) => whole(r.num_requests), (r) => r.num_requests],
  ['# Fails', (r) => whole(r.num_failures), (r) => r.num_failures],
  ['Median (ms)', (r) => ms(r.median_response_time), (r) => r.median_response_time],
  ['90%ile (ms)', (r) => ms(r.ninetieth_response_time), (r) => r.ninetieth_response_time],
  ['99%ile (ms)', (r) => ms(r.ninety_ninth_response_time), (r) => r.ninety_ninth_response_time],
  ['Average (ms)', (r) => ms(r.avg_response_time), (r) => r.avg_response_time],
  ['Min (ms)', (r) => ms(r.min_response_time), (r) => r.min_response_time],
  ['Max (ms)', (r) => ms(r.max_response_time), (r) => r.max_response_time],
  ['Average size (bytes)', (r) => whole(r.avg_content_length), (r) => r.avg_content_length],
  ['Current RPS', (r) => decimal(r.current_rps), (r) => r.current_rps],
  ['Current Failures/s', (r) => decimal(r.current_fail_per_sec), (r) => r.current_fail_per_sec],
];

/** The statistics table: one row per endpoint and the Aggregated row last. */
export class StatsTable {
  private readonly body = el('tbody');
  readonly root = el(
    'table',
    { id: 'stats', class: 'stats' },
    el('thead', {}, el('tr', {}, ...COLUMNS.map(([h]) => el('th', {}, h)))),
    this.body,
  );

  update(rows: LocustStatsRow[]): void {
    this.body.replaceChildren(
      ...rows.map((r) =>
        el(
          'tr',
          r.name === 'Aggregated' && r.method === '' ? { class: 'total' } : {},
          ...COLUMNS.map(([h, text, raw]) =>
            el('td', { 'data-col': h, 'data-value': String(raw(r)) }, text(r)),
          ),
        ),
      ),
    );
  }
}
