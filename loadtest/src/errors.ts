import { CodedError, errorCatalogue } from '@netlab/kit';

/**
 * Every failure a user can cause: its exit status and what it means. The kit's convention: 0 a result
 * (however bad for the server), 1 an unexpected internal error, 2 bad input (flags, URL, scenario,
 * CSV, output path), 3 an environment that cannot do it, 99 a threshold not met, 130 interrupted. README.md lists each code
 * (a test checks it).
 */
export const LOADTEST_ERRORS = {
  LOADTEST_OPTIONS_INVALID: { exit: 2, meaning: 'a flag, the URL or an output path is wrong' },
  LOADTEST_SCENARIO_INVALID: {
    exit: 2,
    meaning: 'the scenario file is not valid YAML/JSON or has a bad task',
  },
  LOADTEST_CSV_INVALID: { exit: 2, meaning: 'an imported file is not Locust CSV' },
  LOADTEST_FILE_UNREADABLE: { exit: 2, meaning: 'a scenario or CSV file cannot be read' },
  LOADTEST_THRESHOLD_INVALID: {
    exit: 2,
    meaning: 'a --threshold (or scenario thresholds:) expression is not METRIC<VALUE',
  },
  LOADTEST_WEB_PORT_BUSY: {
    exit: 3,
    meaning: 'the web view (--web) cannot listen on its port: another program has it',
  },
  LOADTEST_LOCUST_INEXPRESSIBLE: {
    exit: 2,
    meaning: 'a flag Locust 2.12 cannot express was given to the locust or export-locust command',
  },
  LOADTEST_LOCUST_MISSING: {
    exit: 3,
    meaning:
      'the locust command needs Locust on PATH (apt-get install python3-locust, or pip install locust)',
  },
  LOADTEST_LOCUST_FAILED: {
    exit: 3,
    meaning: "Locust's master ended without writing its CSV files (its last log line is quoted)",
  },
  LOADTEST_TARGET_UNREACHABLE: {
    exit: 3,
    meaning: 'nothing answered: every connection was refused (the table is still printed and written)',
  },
  LOADTEST_THRESHOLD_FAILED: {
    exit: 99,
    meaning: "a threshold was not met (k6's exit code; the table marks it ✗, the JSON has thresholds)",
  },
} as const satisfies Record<string, { exit: number; meaning: string }>;

export type LoadtestErrorCode = keyof typeof LOADTEST_ERRORS;

export class LoadtestError extends CodedError<LoadtestErrorCode> {
  override readonly name = 'LoadtestError';
}

export const { exitCodeFor, errorLine } = errorCatalogue(LOADTEST_ERRORS);
