export { compareSubmissions } from './compare.js';
export { SimilarityError, type SimilarityErrorCode } from './errors.js';
export { defaults as similarityDefaults } from './options.js';
export type {
  Fragment,
  PairScore,
  SimilarityLanguage,
  SimilarityOptions,
  SourceFile,
  Span,
  Submission,
} from './types.js';
