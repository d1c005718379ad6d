/** A small element builder: `el('td', { class: 'num' }, '12')`. Text is set as text, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Numbers as Locust's table shows them: whole ms and counts, two decimals for rates. */
export const whole = (x: number): string => Math.round(x).toLocaleString('en-US');
export const decimal = (x: number): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;
