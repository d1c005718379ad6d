import { CodedError, type ErrorEntry, errorCatalogue } from '@netlab/kit';

/**
 * Every failure a user can cause: its exit status and what it means. The kit's convention: 0 a result (a class
 * with failing students is a result, never an error), 1 an unexpected internal error, 2 bad input, 3 an
 * environment that cannot do it, 130 interrupted. README.md lists each code (a test checks it).
 */
export const GRADER_ERRORS = {
  GRADER_USAGE: { exit: 2, meaning: 'an unknown command or flag, or a flag with a bad value' },
  GRADER_SPEC_INVALID: { exit: 2, meaning: 'the spec is not valid (one line naming every bad field)' },
  GRADER_INPUT_MISSING: { exit: 2, meaning: 'a folder or file named on the command line cannot be read' },
  GRADER_CSV_INVALID: {
    exit: 2,
    meaning: 'a roster, extensions, manifest or overrides CSV is not valid (file, row and column named)',
  },
  GRADER_GRADES_INVALID: {
    exit: 2,
    meaning:
      'a grades.csv is not what grader check writes: a missing column, a non-numeric score, an unknown flag (row and column named)',
  },
  GRADER_OVERRIDE_INVALID: {
    exit: 2,
    meaning:
      'an overrides row names a student not in the class, a part not in the rubric, or a value out of range',
  },
  GRADER_NO_PREVIOUS_RUN: {
    exit: 2,
    meaning: '`--only` needs an `--out` folder a full `grader check` wrote',
  },
  GRADER_UNKNOWN_STUDENT: { exit: 2, meaning: '`--only` names a student who is not in the class' },
  GRADER_PORT_BUSY: {
    exit: 3,
    meaning: "without the sandbox, the spec's port is already taken by another process",
  },
  GRADER_OUTPUT_FAILED: { exit: 2, meaning: 'the `--out` folder or file cannot be written' },
  GRADER_SANDBOX_FAILED: {
    exit: 3,
    meaning: 'a known-good server cannot run, even without the sandbox',
  },
  SIMILARITY_OPTIONS_INVALID: {
    exit: 2,
    meaning: 'the similarity options are not valid (every problem named)',
  },
  SIMILARITY_DUPLICATE_ID: { exit: 2, meaning: 'two submissions to compare carry the same id' },
  SIMILARITY_TOKENIZER_FAILED: {
    exit: 3,
    meaning: 'the tokeniser (tree-sitter grammars) cannot run here: reinstall with `pnpm install`',
  },
} as const satisfies Record<string, ErrorEntry>;

export type GraderErrorCode = keyof typeof GRADER_ERRORS;

export class GraderError extends CodedError<GraderErrorCode> {
  override readonly name = 'GraderError';
}

export const EXIT_OK = 0;

/**
 * The one place errors become exit codes and lines. Other packages' errors on the grader's codes
 * (`@netlab/assignments`' spec errors, GRADER_SPEC_INVALID) are CodedErrors too.
 */
export const { exitCodeFor, errorLine } = errorCatalogue(GRADER_ERRORS);
