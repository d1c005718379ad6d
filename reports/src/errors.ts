/** Coded lab errors: each says what went wrong with which input and how to fix it; exit codes live here only. */
export type LabErrorCode =
  | 'LAB_USAGE'
  | 'LAB_OPTION_INVALID'
  | 'LAB_SERVER_START'
  | 'LAB_PORT_IN_USE'
  | 'LAB_PORT_TIME_WAIT'
  | 'LAB_SERVER_SILENT'
  | 'LAB_TARGET_UNREACHABLE'
  | 'LAB_NETNS_UNAVAILABLE'
  | 'LAB_WEB_PORT_BUSY'
  | 'LAB_RESULTS_INVALID'
  | 'LAB_OUTPUT';

export class LabError extends Error {
  override readonly name = 'LabError';
  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const EXIT_CODES: Record<LabErrorCode, number> = {
  LAB_USAGE: 2,
  LAB_OPTION_INVALID: 2,
  LAB_RESULTS_INVALID: 2,
  LAB_NETNS_UNAVAILABLE: 3,
  LAB_WEB_PORT_BUSY: 3,
  LAB_SERVER_START: 4,
  LAB_PORT_IN_USE: 4,
  LAB_PORT_TIME_WAIT: 4,
  LAB_SERVER_SILENT: 4,
  LAB_TARGET_UNREACHABLE: 4,
  LAB_OUTPUT: 5,
};

/** Unknown errors are bugs: exit 1 with the stack; known ones: their code, one line. */
export function exitCodeFor(error: unknown): number {
  return error instanceof LabError ? EXIT_CODES[error.code] : 1;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
