import { LanguagePicker, type ProgrammingLanguage } from '@dodona/dolos-lib';
import Parser from 'tree-sitter';
import type { SimilarityLanguage } from './types.js';

const parsers = new Map<SimilarityLanguage, Promise<Parser>>();

/** The tree-sitter grammars Dolos builds and maintains, loaded once per language. */
export function parserFor(language: SimilarityLanguage): Promise<Parser> {
  let parser = parsers.get(language);
  if (parser === undefined) {
    parser = (async () => {
      const picked = (await new LanguagePicker().findLanguage(language)) as ProgrammingLanguage;
      const instance = new Parser();
      instance.setLanguage(await picked.loadLanguageModule());
      return instance;
    })();
    parsers.set(language, parser);
  }
  return parser;
}

/**
 * The root node of `text`. tree-sitter's node binding rejects input longer than its buffer, so the
 * buffer is sized to the text (as Dolos does). When its JS wrapper is evaluated twice in one process
 * (jest gives each test file a fresh module registry over the same native addon) the `rootNode`
 * getter of the second copy returns undefined; `rootNodeWithOffset` still works there.
 */
export function parseRoot(parser: Parser, text: string): Parser.SyntaxNode {
  const tree = parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
  return tree.rootNode ?? tree.rootNodeWithOffset(0, { row: 0, column: 0 });
}
