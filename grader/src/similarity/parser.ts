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
