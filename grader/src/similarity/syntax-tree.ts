import type Parser from 'tree-sitter';

/** A syntax node copied out of tree-sitter once, so the tokeniser's many reads stay in JS. */
export interface PlainNode {
  type: string;
  isNamed: boolean;
  field: string | null;
  /** Offsets into the source string; missing (error-recovery) nodes are empty. */
  startIndex: number;
  endIndex: number;
  children: PlainNode[];
}

/**
 * Parses `text` and copies the tree with one cursor walk: every property read on a tree-sitter node
 * is a native call, which made tokenising 1,000 files take ~15 s; a cursor pass reading five
 * properties per node is several times cheaper (line numbers come from `lineLocator` instead).
 * The buffer is sized to the text because the binding rejects longer input (as Dolos does).
 */
export function plainTree(parser: Parser, text: string): PlainNode {
  const tree = parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
  const cursor = tree.walk();
  const copy = (): PlainNode => ({
    type: cursor.nodeType,
    isNamed: cursor.nodeIsNamed,
    field: cursor.currentFieldName ?? null,
    startIndex: cursor.startIndex,
    endIndex: cursor.endIndex,
    children: [],
  });
  const root = copy();
  const stack = [root];
  for (;;) {
    const parent = stack.at(-1) as PlainNode;
    if (cursor.gotoFirstChild()) {
      const node = copy();
      parent.children.push(node);
      stack.push(node);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return root;
      stack.pop();
    }
    stack.pop();
    const node = copy();
    (stack.at(-1) as PlainNode).children.push(node);
    stack.push(node);
  }
}

export const namedChildren = (node: PlainNode): PlainNode[] => node.children.filter((child) => child.isNamed);

export const childrenForField = (node: PlainNode, field: string): PlainNode[] =>
  node.children.filter((child) => child.field === field);

/** Maps a string offset to its 1-based line number by binary search over the line starts. */
export function lineLocator(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
