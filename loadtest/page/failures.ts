import type { LocustError } from '../src/web/locust-stats.js';
import { el, whole } from './dom.js';

/** Failures by kind: how many, and the first message seen of that kind. */
export function failuresByKind(errors: LocustError[]): Array<{ kind: string; count: number; first: string }> {
  const kinds = new Map<string, { kind: string; count: number; first: string }>();
  for (const e of errors) {
    const have = kinds.get(e.kind);
    if (have) have.count += e.occurrences;
    else
      kinds.set(e.kind, { kind: e.kind, count: e.occurrences, first: `${e.method} ${e.name}: ${e.error}` });
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count);
}

/** The failures tab, and the generator-bound note when the run's own machine set the pace. */
export class FailuresPanel {
  private readonly body = el('tbody');
  private readonly note = el('p', { class: 'note', id: 'generator-note', hidden: '' });
  readonly root = el(
    'div',
    {},
    this.note,
    el(
      'table',
      { id: 'failures', class: 'stats' },
      el(
        'thead',
        {},
        el('tr', {}, el('th', {}, 'Kind'), el('th', {}, '# Failures'), el('th', {}, 'First message')),
      ),
      this.body,
    ),
  );

  update(errors: LocustError[], generatorNote: string | null): void {
    this.note.hidden = generatorNote === null;
    this.note.textContent = generatorNote ?? '';
    const rows = failuresByKind(errors);
    this.body.replaceChildren(
      ...(rows.length === 0
        ? [el('tr', {}, el('td', { colspan: '3' }, 'No failures'))]
        : rows.map((r) =>
            el(
              'tr',
              {},
              el('td', {}, r.kind),
              el('td', { class: 'num' }, whole(r.count)),
              el('td', {}, r.first),
            ),
          )),
    );
  }
}
