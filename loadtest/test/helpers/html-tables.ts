import { type DefaultTreeAdapterMap, parse } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (n: Node): n is Element => 'tagName' in n;
const children = (n: Node): Node[] => ('childNodes' in n ? n.childNodes : []);
const all = (n: Node, test: (e: Element) => boolean): Element[] =>
  children(n).flatMap((c) => [...(isElement(c) && test(c) ? [c] : []), ...all(c, test)]);
const textOf = (n: Node): string =>
  n.nodeName === '#text' && 'value' in n ? (n.value as string) : children(n).map(textOf).join('');

export interface HtmlTable {
  id: string;
  /** The first row's cells (`th`), trimmed. */
  head: string[];
  /** Every other row's cells, trimmed. */
  rows: string[][];
}

/** Every table of a page with its cells' text, parsed as a browser parses it (parse5 follows the HTML standard). */
export function htmlTables(html: string): HtmlTable[] {
  return all(parse(html), (e) => e.tagName === 'table').map((t) => {
    const cells = (tr: Element) =>
      all(tr, (e) => e.tagName === 'td' || e.tagName === 'th').map((c) => textOf(c).trim());
    const [head, ...rows] = all(t, (e) => e.tagName === 'tr').map(cells);
    return { id: t.attrs.find((a) => a.name === 'id')?.value ?? '', head: head ?? [], rows };
  });
}

/** The `dt` → `dd` pairs of a page's definition lists. */
export function htmlDefinitions(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dt of all(parse(html), (e) => e.tagName === 'dt')) {
    const dd = (dt.parentNode ? children(dt.parentNode) : []).find((c) => isElement(c) && c.tagName === 'dd');
    if (dd) out[textOf(dt).trim()] = textOf(dd).trim();
  }
  return out;
}
