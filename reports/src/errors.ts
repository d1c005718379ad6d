import { CodedError, errorCatalogue } from '@netlab/kit';

/**
 * Every failure of the lab itself: its exit status and what it means. The kit's convention: 0 a result (a
 * reference model that fails is a finding in the table), 1 an unexpected internal error, 2 bad input (flags,
 * files, a `--server` that does not serve), 3 an environment that cannot do it (no root for `--netns`, a busy
 * port, a missing font package), 130 interrupted. README.md lists each code (a test checks it).
 */
export const LAB_ERRORS = {
  LAB_USAGE: { exit: 2, meaning: 'no or an unknown lab, or a file given on the command line cannot be read' },
  LAB_OPTION_INVALID: { exit: 2, meaning: 'bad flags: each problem named' },
  LAB_RESULTS_INVALID: { exit: 2, meaning: '`lab report FILE`: not JSON, or not a lab results.json' },
  LAB_SERVER_START: {
    exit: 2,
    meaning:
      'a `--server` or reference server exited or never listened; its last output lines in the message',
  },
  LAB_SERVER_SILENT: {
    exit: 2,
    meaning:
      'your `--server` never answered a request: failures by kind per scenario and its last output lines',
  },
  LAB_OUTPUT: { exit: 2, meaning: 'an output cannot be written: point `--out` to a writable folder' },
  LAB_NETNS_UNAVAILABLE: {
    exit: 3,
    meaning: '`--netns` without root/Linux, or no free subnet for the veth pair',
  },
  LAB_PORT_IN_USE: {
    exit: 3,
    meaning: 'another process listens on the port: stop it or choose another `--port`',
  },
  LAB_PORT_TIME_WAIT: {
    exit: 3,
    meaning:
      'the port is held only by TIME_WAIT connections of a previous run: set `SO_REUSEADDR`, or wait ~60 s',
  },
  LAB_TARGET_UNREACHABLE: { exit: 3, meaning: '`--target` refuses or does not answer' },
  LAB_WEB_PORT_BUSY: {
    exit: 3,
    meaning: '`--web`: the live page cannot listen on its port (another program has it); choose `--web-port`',
  },
  LAB_FONT_MISSING: { exit: 3, meaning: 'a font package of the report is not installed: run `pnpm install`' },
} as const satisfies Record<string, { exit: number; meaning: string }>;

export type LabErrorCode = keyof typeof LAB_ERRORS;

export class LabError extends CodedError<LabErrorCode> {
  override readonly name = 'LabError';
}

export const { exitCodeFor, errorLine } = errorCatalogue(LAB_ERRORS);
