import type Parser from 'tree-sitter';
import type { LanguageRules } from './language-rules.js';
import { parse } from './parser.js';
import type { SourceFile } from './types.js';

/** One function body (or a file's remaining top-level code): k-grams never cross a unit boundary. */
export interface Unit {
  file: number;
  tokens: string[];
  startLines: number[];
  endLines: number[];
}

function emptyUnit(file: number): Unit {
  return { file, tokens: [], startLines: [], endLines: [] };
}

function push(unit: Unit, token: string, node: Parser.SyntaxNode): void {
  unit.tokens.push(token);
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

/** Tokenises every file into units: the file's top-level code plus one unit per function/method. */
export function tokenizeFiles(parser: Parser, rules: LanguageRules, files: readonly SourceFile[]): Unit[] {
  const units: Unit[] = [];
  files.forEach((file, index) => {
    const rest = emptyUnit(index);
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
        push(unit, literal, node);
        return;
      }
      if (node.childCount === 0) {
        if (node.endIndex > node.startIndex) push(unit, rules.identifiers.has(type) ? 'ID' : type, node);
        return;
      }
      const statements = rules.statementParents.has(type);
      for (const child of node.children) {
        if (statements && isDocstring(rules, child)) continue;
        const before = unit.tokens.length;
        walk(child, unit);
        if (statements && child.isNamed && unit.tokens.length > before) push(unit, ';', child);
      }
      if (rules.blockEnds.has(type)) push(unit, '}', node);
    };
    walk(parse(parser, file.content).rootNode, rest);
    units.push(rest);
  });
  return units.filter((unit) => unit.tokens.length > 0);
}
