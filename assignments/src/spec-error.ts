import { CodedError } from '@netlab/kit';

/** Why a spec could not be used; the grader maps `code` to an exit code. */
export type SpecErrorKind = 'not-found' | 'syntax' | 'invalid';

/**
 * A spec that cannot be used. `message` is one line: the file, then every problem as `field.path: fix`
 * joined with `; `, so a TA sees all of them in one run.
 */
export class SpecError extends CodedError<'GRADER_SPEC_INVALID'> {
  override readonly name = 'SpecError';
  /** The spec file (relative to the working directory when inside it) or built-in id, NFC. */
  readonly source: string;

  /** Each problem as `field.path: fix`. */
  readonly problems: readonly string[];

  constructor(
    source: string,
    problems: readonly string[],
    readonly kind: SpecErrorKind = 'invalid',
  ) {
    // One line whatever the input held: a file name or key with a line break must not split the message.
    const oneLine = (s: string) => s.normalize('NFC').replace(/[\r\n]+/g, ' ');
    const name = oneLine(source) || '(empty name)';
    const lines = problems.map(oneLine);
    super('GRADER_SPEC_INVALID', `${name}: ${lines.join('; ')}`);
    this.source = name;
    this.problems = lines;
  }
}
