export * from './spec.js';
export * from './spec-error.js';
export { detectFormat, parseSpec, type SpecFormat } from './parse-spec.js';
export {
  type BuiltinSpecId,
  builtinSpec,
  builtinSpecIds,
  builtinSpecPath,
  builtinSpecText,
  isBuiltinSpecId,
  loadSpecFile,
  specTemplateFiles,
  templateWwwRoot,
} from './load-spec.js';
export * from './run-http-check.js';
