import { CodedError, errorCatalogue } from '@netlab/kit';

/**
 * Every failure a user can cause: its exit status and what it means. The kit's convention: 2 is bad input
 * (flags, files), 3 is an environment that cannot do it (a busy port, an unreachable host); anything
 * unexpected is 1. servers/README.md lists each code (a test checks it).
 */
export const SERVE_ERRORS = {
  SERVER_BAD_ARGS: { exit: 2, meaning: 'a flag is unknown, missing or out of range' },
  SERVER_ROOT_INVALID: { exit: 2, meaning: '--root is not a readable folder' },
  SERVER_ROSTER_INVALID: {
    exit: 2,
    meaning: 'the attendance roster cannot be read or has no student_id column',
  },
  SERVER_OUTPUT_INVALID: { exit: 2, meaning: 'the attendance CSV (--out) cannot be written' },
  SERVER_PORT_IN_USE: { exit: 3, meaning: 'another process listens on the port' },
  SERVER_LISTEN_FAILED: {
    exit: 3,
    meaning: 'the address cannot be bound (not this machine’s, no permission)',
  },
  SERVER_CLIENT_FAILED: { exit: 3, meaning: 'the echo client could not reach the server' },
} as const satisfies Record<string, { exit: number; meaning: string }>;

export type ServeErrorCode = keyof typeof SERVE_ERRORS;

export class ServeError extends CodedError<ServeErrorCode> {
  override readonly name = 'ServeError';
}

export const { exitCodeFor, errorLine } = errorCatalogue(SERVE_ERRORS);
