/** Every failure the grader reports to a user carries one of these codes; `exitCodeFor` maps them to exit codes. */
export type GraderErrorCode =
  | 'GRADER_SPEC_INVALID'
  | 'GRADER_USAGE'
  | 'GRADER_INPUT_MISSING'
  | 'GRADER_CSV_INVALID'
  | 'GRADER_PORT_BUSY'
  | 'GRADER_OUTPUT_FAILED'
  | 'GRADER_SANDBOX_FAILED';

export class GraderError extends Error {
  constructor(
    readonly code: GraderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GraderError';
  }
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * The one place errors become exit codes. A class with failing students is a result (0), never an error.
 * Errors from other packages (e.g. `@netlab/assignments` spec loading) are recognised by their `code`.
 */
export function exitCodeFor(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('GRADER_') ? EXIT_BAD_INPUT : EXIT_INTERNAL;
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
