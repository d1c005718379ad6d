import type Parser from 'tree-sitter';
import { declaredNames } from './declared-names.js';
import type { LanguageRules } from './language-rules.js';
import { parseRoot } from './parser.js';
import type { SourceFile } from './types.js';

/** One function body (or a file's remaining top-level code): k-grams never cross a unit boundary. */
export interface Unit {
  file: number;
  /** Loose tokens: literals as their class (`STR`, `NUM`). */
  tokens: string[];
  /** Strict tokens: literals keep their text; everything else as in `tokens`. */
  exact: string[];
  startLines: number[];
  endLines: number[];
}

function emptyUnit(file: number): Unit {
  return { file, tokens: [], exact: [], startLines: [], endLines: [] };
}

function push(unit: Unit, token: string, node: Parser.SyntaxNode, exact = token): void {
  unit.tokens.push(token);
  unit.exact.push(exact);
  unit.startLines.push(node.startPosition.row + 1);
  unit.endLines.push(node.endPosition.row + 1);
}

function isDocstring(rules: LanguageRules, node: Parser.SyntaxNode): boolean {
  const doc = rules.docstringStatement;
  return (
    doc !== undefined &&
    node.type === doc.statement &&
    node.namedChildCount === 1 &&
    node.firstNamedChild?.type === doc.literal
  );
}

/** Ids of the bodies of `node` that are written without braces (`if (x) y();`). */
function bareBodies(rules: LanguageRules, node: Parser.SyntaxNode): Set<number> {
  const bare = new Set<number>();
  for (const field of rules.bracelessBodies.get(node.type) ?? []) {
    for (const body of node.childrenForFieldName(field)) {
      if (body.type !== 'block' && body.type !== node.type) bare.add(body.id);
    }
  }
  return bare;
}

/** Tokenises every file into units: each file's top-level code plus one unit per function/method. */
export function tokenizeFiles(parser: Parser, rules: LanguageRules, files: readonly SourceFile[]): Unit[] {
  const roots = files.map((file) => parseRoot(parser, file.content));
  const declared = declaredNames(rules, roots);
  const units: Unit[] = [];
  roots.forEach((root, index) => {
    const walk = (node: Parser.SyntaxNode, unit: Unit): void => {
      const type = node.type;
      if (rules.skipped.has(type) || node.isMissing) return;
      if (rules.units.has(type)) {
        const own = emptyUnit(index);
        for (const child of node.children) walk(child, own);
        units.push(own);
        return;
      }
      const literal = rules.literals.get(type);
      if (literal !== undefined) {
        push(unit, literal, node, `${literal}:${node.text}`);
        return;
      }
      if (node.childCount === 0) {
        if (node.endIndex === node.startIndex) return;
        const named = rules.identifiers.has(type);
        push(unit, named && declared.has(node.text) ? 'ID' : named ? node.text : type, node);
        return;
      }
      const statements = rules.statementParents.has(type);
      const bare = bareBodies(rules, node);
      for (const child of node.children) {
        if (statements && isDocstring(rules, child)) continue;
        const before = unit.tokens.length;
        if (bare.has(child.id)) push(unit, '{', child);
        walk(child, unit);
        if (bare.has(child.id)) push(unit, '}', child);
        if (statements && child.isNamed && unit.tokens.length > before) push(unit, ';', child);
      }
      if (rules.blockEnds.has(type)) push(unit, '}', node);
    };
    const rest = emptyUnit(index);
    walk(root, rest);
    units.push(rest);
  });
  return units.filter((unit) => unit.tokens.length > 0);
}
