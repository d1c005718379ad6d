import { SpecError } from '../src/index.js';

/** The SpecError a call throws; any other outcome fails the test. */
export function errorOf(call: () => unknown): SpecError {
  try {
    call();
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error('expected a SpecError, got none');
}
