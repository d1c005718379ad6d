import { CodedError } from '@netlab/kit';

export type SimilarityErrorCode =
  | 'SIMILARITY_OPTIONS_INVALID'
  | 'SIMILARITY_DUPLICATE_ID'
  | 'SIMILARITY_TOKENIZER_FAILED';

/** A coded error the grader maps to an exit code (its catalogue); the message names the input and the fix. */
export class SimilarityError extends CodedError<SimilarityErrorCode> {
  override readonly name = 'SimilarityError';
}
