import type Parser from 'tree-sitter';
import { declaredNames } from './declared-names.js';
import type { LanguageRules } from './language-rules.js';
import { childrenForField, lineLocator, type PlainNode, plainTree } from './syntax-tree.js';
import type { SourceFile } from './types.js';
import { messageOf } from '@netlab/kit';

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

function isDocstring(rules: LanguageRules, node: PlainNode): boolean {
  const doc = rules.docstringStatement;
  const named = node.children.filter((child) => child.isNamed);
  return (
    doc !== undefined && node.type === doc.statement && named.length === 1 && named[0]?.type === doc.literal
  );
}

/** Where a token that closes `node` sits: its last character. */
function lastCharOf(node: PlainNode): PlainNode {
  return { ...node, startIndex: Math.max(node.startIndex, node.endIndex - 1) };
}

/** The bodies of `node` that are written without braces (`if (x) y();`). */
function bareBodies(rules: LanguageRules, node: PlainNode): Set<PlainNode> {
  const bare = new Set<PlainNode>();
  for (const field of rules.bracelessBodies.get(node.type) ?? []) {
    for (const body of childrenForField(node, field)) {
      if (body.type !== 'block' && body.type !== node.type) bare.add(body);
    }
  }
  return bare;
}

/** A declaration with no value or only a literal one on every declarator (see `bareDeclaration`). */
function onlyDeclares(rules: LanguageRules, node: PlainNode): boolean {
  const bare = rules.bareDeclaration;
  if (bare === undefined || node.type !== bare.statement) return false;
  return node.children
    .filter((child) => child.type === bare.declarator)
    .every((declarator) => {
      const value = declarator.children.find((child) => child.field === bare.value);
      return value === undefined || bare.literals.has(value.type);
    });
}

/** Tokenises every file into units: each file's top-level code plus one unit per function/method. */
export function tokenizeFiles(parser: Parser, rules: LanguageRules, files: readonly SourceFile[]): Unit[] {
  const trees = files.map((file) => ({ source: file.content, root: plainTree(parser, file.content) }));
  const declared = declaredNames(rules, trees);
  const units: Unit[] = [];
  trees.forEach(({ source, root }, index) => {
    const text = (node: PlainNode) => source.slice(node.startIndex, node.endIndex);
    const lineOf = lineLocator(source);
    const push = (unit: Unit, token: string, node: PlainNode, exact = token): void => {
      unit.tokens.push(token);
      unit.exact.push(exact);
      unit.startLines.push(lineOf(node.startIndex));
      unit.endLines.push(lineOf(Math.max(node.startIndex, node.endIndex - 1)));
    };
    const walk = (node: PlainNode, unit: Unit): void => {
      const type = node.type;
      if (rules.skipped.has(type) || onlyDeclares(rules, node)) return;
      if (rules.units.has(type)) {
        const own = emptyUnit(index);
        for (const child of node.children) walk(child, own);
        units.push(own);
        return;
      }
      const literal = rules.literals.get(type);
      if (literal !== undefined) {
        push(unit, literal, node, `${literal}:${text(node)}`);
        return;
      }
      if (node.children.length === 0) {
        if (node.endIndex === node.startIndex) return;
        const name = rules.identifiers.has(type) ? text(node) : undefined;
        push(unit, name === undefined ? type : declared.has(name) ? 'ID' : name, node);
        return;
      }
      const statements = rules.statementParents.has(type);
      const bare = bareBodies(rules, node);
      for (const child of node.children) {
        if (statements && isDocstring(rules, child)) continue;
        const before = unit.tokens.length;
        if (bare.has(child)) push(unit, '{', child);
        walk(child, unit);
        if (bare.has(child)) push(unit, '}', child);
        if (statements && child.isNamed && unit.tokens.length > before) push(unit, ';', lastCharOf(child));
      }
      if (rules.blockEnds.has(type)) push(unit, '}', lastCharOf(node));
    };
    const rest = emptyUnit(index);
    walk(root, rest);
    units.push(rest);
  });
  return units.filter((unit) => unit.tokens.length > 0);
}

/** One submission's units, or why it could not be tokenised (so one odd file cannot sink the class). */
export type Tokenized = { units: Unit[] } | { error: string };

export function tokenizeSafely(
  parser: Parser,
  rules: LanguageRules,
  files: readonly SourceFile[],
): Tokenized {
  try {
    return { units: tokenizeFiles(parser, rules, files) };
  } catch (error) {
    const message = messageOf(error);
    return { error: message.split('\n')[0] ?? message };
  }
}
