/** Parses chart SVG with a real XML parser, so the tests see what a browser or resvg would. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface SvgNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: SvgNode[];
}

type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNode(raw: Raw): SvgNode | null {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name === '#text') return null;
  const kids = (raw[name] as Raw[]) ?? [];
  const text = kids
    .filter((k) => '#text' in k)
    .map((k) => String(k['#text']))
    .join('');
  return {
    name,
    attrs: raw[':@'] ?? {},
    text,
    children: kids.map(toNode).filter((n): n is SvgNode => n !== null),
  };
}

/** Throws with the parser's message when the document is not well-formed XML. */
export function parseSvg(svg: string): SvgNode {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed: ${valid.err.msg} at line ${valid.err.line}`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: false,
    trimValues: false,
  });
  const roots = (parser.parse(svg) as Raw[]).map(toNode).filter((n): n is SvgNode => n !== null);
  const root = roots.find((n) => n.name === 'svg');
  if (!root) throw new Error('no <svg> root element');
  return root;
}

export function findAll(node: SvgNode, pred: (n: SvgNode) => boolean): SvgNode[] {
  const here = pred(node) ? [node] : [];
  return here.concat(node.children.flatMap((c) => findAll(c, pred)));
}

export const byClass = (cls: string) => (n: SvgNode) => (n.attrs.class ?? '').split(' ').includes(cls);
