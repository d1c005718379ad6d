/** Every failure a user can cause, with a code other packages can match on. */
export type ServeErrorCode =
  | 'SERVER_BAD_ARGS'
  | 'SERVER_PORT_IN_USE'
  | 'SERVER_LISTEN_FAILED'
  | 'SERVER_ROOT_INVALID'
  | 'SERVER_ROSTER_INVALID'
  | 'SERVER_OUTPUT_INVALID'
  | 'SERVER_CLIENT_FAILED';

export class ServeError extends Error {
  override readonly name = 'ServeError';
  constructor(
    readonly code: ServeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one place codes become exit statuses: 2 for a bad command line, 1 for everything else. */
export function exitCodeFor(error: unknown): number {
  return error instanceof ServeError && error.code === 'SERVER_BAD_ARGS' ? 2 : 1;
}
