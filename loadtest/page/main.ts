import type { LabView } from '../src/web/lab-view.js';
import type { LoadView } from '../src/web/view.js';
import './style.css';
import { el } from './dom.js';
import { subscribe } from './events.js';
import { LabPage } from './lab-page.js';
import { LoadPage } from './load-page.js';

/** Picks the page by the kind of view the server sends: the load runner's or the lab's. */
const app = document.getElementById('app')!;
let page: LoadPage | LabPage | null = null;
const chartWidth = () => Math.max(320, Math.min(app.clientWidth - 32, 900));

subscribe(
  (data) => {
    const view = data as LoadView | LabView;
    if (!page) {
      page = view.kind === 'lab' ? new LabPage() : new LoadPage();
      app.replaceChildren(page.root);
      page.resize(chartWidth());
    }
    (page.update as (v: LoadView | LabView) => void)(view);
    app.dataset.updates = String(Number(app.dataset.updates ?? 0) + 1);
  },
  () => {
    app.dataset.ended = 'true';
    app.prepend(
      el('p', { class: 'ended', id: 'ended' }, 'The run has ended; this page shows its last state.'),
    );
  },
);
window.addEventListener('resize', () => page?.resize(chartWidth()));
