import { el } from './dom.js';

/** Locust's tab bar: one visible panel at a time; returns the bar and the panels by name. */
export function tabs(names: string[]): { bar: HTMLElement; panels: Record<string, HTMLElement> } {
  const panels: Record<string, HTMLElement> = {};
  const buttons: HTMLButtonElement[] = [];
  const show = (name: string) => {
    for (const [n, p] of Object.entries(panels)) p.hidden = n !== name;
    for (const b of buttons) b.classList.toggle('active', b.dataset.tab === name);
  };
  for (const name of names) {
    panels[name] = el('section', { class: 'panel', id: `tab-${name.toLowerCase().replace(/\W+/g, '-')}` });
    const button = el('button', { type: 'button', 'data-tab': name }, name);
    button.addEventListener('click', () => show(name));
    buttons.push(button);
  }
  show(names[0]!);
  return { bar: el('nav', { class: 'tabs' }, ...buttons), panels };
}
