import type { LanguageRules } from './language-rules.js';
import { childrenForField, type PlainNode } from './syntax-tree.js';

export interface SourceTree {
  source: string;
  root: PlainNode;
}

function collectBound(rules: LanguageRules, source: string, node: PlainNode, into: Set<string>): void {
  if (rules.identifiers.has(node.type)) {
    into.add(source.slice(node.startIndex, node.endIndex));
    return;
  }
  for (const child of node.children) {
    if (child.isNamed && (child.field === null || !rules.useFields.includes(child.field))) {
      collectBound(rules, source, child, into);
    }
  }
}

/** Every name a submission binds itself (variables, parameters, functions, classes, fields). */
export function declaredNames(rules: LanguageRules, trees: readonly SourceTree[]): Set<string> {
  const names = new Set<string>();
  for (const { source, root } of trees) {
    const visit = (node: PlainNode): void => {
      for (const field of rules.declarations.get(node.type) ?? []) {
        const targets = field === '*' ? [node] : childrenForField(node, field);
        for (const target of targets) collectBound(rules, source, target, names);
      }
      for (const child of node.children) if (child.isNamed) visit(child);
    };
    visit(root);
  }
  return names;
}
