import type { SimilarityLanguage } from './types.js';

/**
 * How one tree-sitter grammar's nodes become tokens. Identifiers and literals collapse to a class
 * token so renaming and changed constants do not hide a copy; comments, docstrings and imports are
 * dropped because they carry no authorship signal (Faidhi–Robinson level 1 disguises).
 */
export interface LanguageRules {
  /** Leaf node types that become `ID`. */
  identifiers: ReadonlySet<string>;
  /** Node types kept as one class token without descending (strings with escapes, numbers). */
  literals: ReadonlyMap<string, string>;
  /** Subtrees dropped entirely. */
  skipped: ReadonlySet<string>;
  /** Node types whose body is fingerprinted as its own unit, so reordering them changes nothing. */
  units: ReadonlySet<string>;
  /** Parents whose named children are statements; Python has no `;`, so one is emitted after each. */
  statementParents: ReadonlySet<string>;
  /** Python's indented blocks end without a token; `}` is emitted so nesting stays visible. */
  blockEnds: ReadonlySet<string>;
  /**
   * Where names are bound: node type → fields whose identifiers are declared (`*`: the whole node).
   * Only declared names collapse to `ID`; library names (`print`, `recv`, `println`) keep their text,
   * because renaming one's own variables is a disguise and calling a different API is not.
   */
  declarations: ReadonlyMap<string, readonly string[]>;
  /** Fields under a declaration that hold uses, not bindings (default values, types, `obj` of `obj.attr`). */
  useFields: readonly string[];
  /** Control statements whose body may omit braces; a bare body gets virtual `{` `}` so both spellings match. */
  bracelessBodies: ReadonlyMap<string, readonly string[]>;
  /** A statement that is only a string literal (a docstring) counts as a comment. */
  docstringStatement?: { statement: string; literal: string };
  /**
   * A local declaration that only declares — no value, or a literal one (`double r = 0;`) — is
   * dropped: hoisting declarations to the top of a method is a disguise (IR-Plag level 3), not logic.
   */
  bareDeclaration?: { statement: string; declarator: string; value: string; literals: ReadonlySet<string> };
}

const python: LanguageRules = {
  identifiers: new Set(['identifier']),
  literals: new Map([
    ['string', 'STR'],
    ['concatenated_string', 'STR'],
    ['integer', 'NUM'],
    ['float', 'NUM'],
  ]),
  skipped: new Set(['comment', 'import_statement', 'import_from_statement', 'future_import_statement']),
  units: new Set(['function_definition']),
  statementParents: new Set(['module', 'block']),
  blockEnds: new Set(['block']),
  declarations: new Map([
    ['function_definition', ['name']],
    ['class_definition', ['name']],
    ['parameters', ['*']],
    ['lambda_parameters', ['*']],
    ['assignment', ['left']],
    ['augmented_assignment', ['left']],
    ['for_statement', ['left']],
    ['for_in_clause', ['left']],
    ['as_pattern_target', ['*']],
    ['named_expression', ['name']],
    ['global_statement', ['*']],
    ['nonlocal_statement', ['*']],
    ['aliased_import', ['alias']],
  ]),
  useFields: ['value', 'type', 'object', 'subscript', 'arguments'],
  bracelessBodies: new Map(),
  docstringStatement: { statement: 'expression_statement', literal: 'string' },
};

const java: LanguageRules = {
  identifiers: new Set(['identifier', 'type_identifier']),
  literals: new Map([
    ['string_literal', 'STR'],
    ['text_block', 'STR'],
    ['character_literal', 'STR'],
    ['decimal_integer_literal', 'NUM'],
    ['hex_integer_literal', 'NUM'],
    ['octal_integer_literal', 'NUM'],
    ['binary_integer_literal', 'NUM'],
    ['decimal_floating_point_literal', 'NUM'],
    ['hex_floating_point_literal', 'NUM'],
  ]),
  skipped: new Set(['line_comment', 'block_comment', 'import_declaration', 'package_declaration']),
  units: new Set(['method_declaration', 'constructor_declaration']),
  statementParents: new Set(),
  blockEnds: new Set(),
  declarations: new Map(
    [
      'class_declaration',
      'interface_declaration',
      'enum_declaration',
      'record_declaration',
      'method_declaration',
      'constructor_declaration',
      'variable_declarator',
      'formal_parameter',
      'catch_formal_parameter',
      'enhanced_for_statement',
      'resource',
      'enum_constant',
      'type_parameter',
    ]
      .map((type): [string, string[]] => [type, ['name']])
      .concat([['lambda_expression', ['parameters']]]),
  ),
  useFields: ['value', 'type', 'object', 'arguments'],
  bareDeclaration: {
    statement: 'local_variable_declaration',
    declarator: 'variable_declarator',
    value: 'value',
    literals: new Set([
      'decimal_integer_literal',
      'decimal_floating_point_literal',
      'string_literal',
      'character_literal',
      'null_literal',
      'true',
      'false',
    ]),
  },
  bracelessBodies: new Map([
    ['if_statement', ['consequence', 'alternative']],
    ['for_statement', ['body']],
    ['enhanced_for_statement', ['body']],
    ['while_statement', ['body']],
    ['do_statement', ['body']],
  ]),
};

export const languageRules: Record<SimilarityLanguage, LanguageRules> = { python, java };
