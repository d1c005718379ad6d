/** A code's exit status and what it means, as the package README's error table shows it. */
export interface ErrorEntry {
  exit: number;
  meaning: string;
}

/** An error a user can cause: a code from its package's catalogue and the line that says how to fix it. */
export class CodedError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one place a package's errors become exit statuses and lines. The kit's convention: 0 a result,
 * 1 an unexpected internal error, 2 bad input, 3 an environment that cannot do it, 130 interrupted.
 */
export function errorCatalogue<Entries extends Record<string, ErrorEntry>>(entries: Entries) {
  const known = (error: unknown): error is CodedError<Extract<keyof Entries, string>> =>
    error instanceof CodedError && Object.hasOwn(entries, error.code);
  return {
    entries,
    /** A known code its catalogue entry; anything else 1. */
    exitCodeFor: (error: unknown): number => (known(error) ? entries[error.code]!.exit : 1),
    /** `CODE: what is wrong and how to fix it` (the message's first line), or the stack of an unexpected error. */
    errorLine: (error: unknown): string =>
      known(error)
        ? `${error.code}: ${error.message.split('\n')[0]}`
        : `internal error (a bug, please report it): ${(error as Error)?.stack ?? String(error)}`,
  };
}
