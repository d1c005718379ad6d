import type { Io } from '../../src/index.js';

/** An Io that keeps what the CLI writes, for running it in-process. */
export function memoryIo(overrides: Partial<Io> = {}): Io & { text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  return {
    text,
    out: (t) => {
      text.out += t;
    },
    err: (t) => {
      text.err += t;
    },
    tty: false,
    onInterrupt: () => {},
    exit: () => {},
    ...overrides,
  };
}
