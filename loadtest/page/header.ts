import { decimal, el, percent, whole } from './dom.js';

export interface HeaderFields {
  host: string | null;
  state: string;
  users: number;
  rps: number;
  failRatio: number;
}

/** Locust's header: host, status, users, RPS and failures, plus the page's buttons. */
export class Header {
  readonly root: HTMLElement;
  private readonly values: Record<keyof HeaderFields, HTMLElement>;
  readonly actions = el('div', { class: 'actions' });

  constructor(title: string) {
    const cell = (label: string, id: string) => {
      const value = el('span', { class: 'value', id });
      return { box: el('div', { class: 'stat' }, el('span', { class: 'label' }, label), value), value };
    };
    const host = cell('HOST', 'host');
    const state = cell('STATUS', 'state');
    const users = cell('USERS', 'users');
    const rps = cell('RPS', 'rps');
    const fails = cell('FAILURES', 'fail-ratio');
    this.values = {
      host: host.value,
      state: state.value,
      users: users.value,
      rps: rps.value,
      failRatio: fails.value,
    };
    this.root = el(
      'header',
      {},
      el('div', { class: 'brand' }, title),
      host.box,
      state.box,
      users.box,
      rps.box,
      fails.box,
      this.actions,
    );
  }

  update(f: HeaderFields): void {
    this.values.host.textContent = f.host ?? '—';
    this.values.state.textContent = f.state.toUpperCase();
    this.values.state.dataset.state = f.state;
    this.values.users.textContent = whole(f.users);
    this.values.rps.textContent = decimal(f.rps);
    this.values.failRatio.textContent = percent(f.failRatio);
  }
}
