import type Parser from 'tree-sitter';
import type { LanguageRules } from './language-rules.js';

function collectBound(rules: LanguageRules, node: Parser.SyntaxNode, into: Set<string>): void {
  if (rules.identifiers.has(node.type)) {
    into.add(node.text);
    return;
  }
  const uses = new Set<number>();
  for (const field of rules.useFields)
    for (const child of node.childrenForFieldName(field)) uses.add(child.id);
  for (const child of node.namedChildren) if (!uses.has(child.id)) collectBound(rules, child, into);
}

/** Every name a submission binds itself (variables, parameters, functions, classes, fields). */
export function declaredNames(rules: LanguageRules, roots: readonly Parser.SyntaxNode[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: Parser.SyntaxNode): void => {
    const fields = rules.declarations.get(node.type);
    for (const field of fields ?? []) {
      const targets = field === '*' ? [node] : node.childrenForFieldName(field);
      for (const target of targets) collectBound(rules, target, names);
    }
    for (const child of node.namedChildren) visit(child);
  };
  for (const root of roots) visit(root);
  return names;
}
