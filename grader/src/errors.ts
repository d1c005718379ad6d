import { CodedError, type ErrorEntry } from '@netlab/kit';

/**
 * Every failure a user can cause: its exit status and what it means. The kit's convention: 0 a result (a class
 * with failing students is a result, never an error), 1 an unexpected internal error, 2 bad input. README.md
 * lists each code (a test checks it).
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
    exit: 2,
    meaning: "without the sandbox, the spec's port is already taken by another process",
  },
  GRADER_OUTPUT_FAILED: { exit: 2, meaning: 'the `--out` folder or file cannot be written' },
  GRADER_SANDBOX_FAILED: {
    exit: 2,
    meaning: 'a known-good server cannot run, even without the sandbox',
  },
} as const satisfies Record<string, ErrorEntry>;

export type GraderErrorCode = keyof typeof GRADER_ERRORS;

export class GraderError extends CodedError<GraderErrorCode> {
  override readonly name = 'GraderError';
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * The one place errors become exit codes. Errors from other packages (e.g. `@netlab/assignments` spec loading,
 * `GRADER_SPEC_INVALID`) are recognised by their `code`.
 */
export function exitCodeFor(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(GRADER_ERRORS, code)
    ? GRADER_ERRORS[code as GraderErrorCode].exit
    : EXIT_INTERNAL;
}

/** One line for the terminal: the message of a coded error, else the stack's first line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const firstLine = error.message.split('\n')[0] ?? '';
    return typeof code === 'string' ? `${code}: ${firstLine}` : `unexpected error: ${firstLine}`;
  }
  return `unexpected error: ${String(error)}`;
}
