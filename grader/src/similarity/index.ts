export { type Cluster, type ClusterMember, clustersOf } from './clusters.js';
export { byScoreThenIds, type ClassComparison, compareClass, compareSubmissions } from './compare.js';
export type { PriorIndexInfo } from './prior-index.js';
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
