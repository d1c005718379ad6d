export type SimilarityErrorCode =
  | 'SIMILARITY_OPTIONS_INVALID'
  | 'SIMILARITY_DUPLICATE_ID'
  | 'SIMILARITY_TOKENIZER_FAILED';

/** A coded error the grader maps to an exit code; the message names the input and the fix. */
export class SimilarityError extends Error {
  constructor(
    readonly code: SimilarityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SimilarityError';
  }
}
