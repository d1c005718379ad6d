import type { LoadView } from '../src/web/view.js';
import { el } from './dom.js';

/** Locust's start form: posts user_count, spawn_rate, host and run_time to /swarm. */
export class StartForm {
  private readonly message = el('p', { class: 'note', id: 'form-message' });
  private readonly fields: Record<string, HTMLInputElement> = {};
  private filled = false;
  readonly root: HTMLFormElement;

  constructor() {
    const field = (name: string, label: string, placeholder: string) => {
      const input = el('input', { name, id: `field-${name}`, placeholder });
      this.fields[name] = input;
      return el('label', {}, label, input);
    };
    this.root = el(
      'form',
      { id: 'start-form', class: 'start' },
      el('h2', {}, 'Start new load test'),
      field('user_count', 'Number of users (peak concurrency)', '10'),
      field('spawn_rate', 'Spawn rate (users started/second)', '1'),
      field('host', 'Host', 'http://127.0.0.1:8080'),
      field('run_time', 'Run time (e.g. 30s, 5m; empty: until stopped)', ''),
      el('button', { type: 'submit', id: 'start' }, 'Start'),
      this.message,
    );
    this.root.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  update(view: LoadView): void {
    this.root.hidden = !view.startForm;
    if (!this.filled) {
      this.filled = true;
      for (const [name, value] of Object.entries(view.defaults)) this.fields[name]!.value = String(value);
    }
  }

  private async submit(): Promise<void> {
    const body = new URLSearchParams(
      Object.entries(this.fields).map(([name, input]): [string, string] => [name, input.value]),
    );
    const reply = (await (await fetch('/swarm', { method: 'POST', body })).json()) as {
      success: boolean;
      message: string;
    };
    this.message.textContent = reply.success ? '' : reply.message;
  }
}
