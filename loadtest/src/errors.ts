/** Coded errors carrying what the user needs; the CLI maps `exitCode` in one place (bin/loadtest.ts). */
export type LoadtestErrorCode =
  | 'LOADTEST_OPTIONS_INVALID'
  | 'LOADTEST_SCENARIO_INVALID'
  | 'LOADTEST_CSV_INVALID'
  | 'LOADTEST_FILE_UNREADABLE';

export class LoadtestError extends Error {
  readonly code: LoadtestErrorCode;
  /** 2 = the input is wrong (flags, URL, scenario, file), the convention of the CLI. */
  readonly exitCode = 2;

  constructor(code: LoadtestErrorCode, message: string) {
    super(message);
    this.name = 'LoadtestError';
    this.code = code;
  }
}
