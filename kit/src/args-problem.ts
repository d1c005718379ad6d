/**
 * node:util's `parseArgs` errors in the kit's words, naming the flag; the caller adds where to look (`(see
 * --help)`). Node's own text ("To specify a positional argument starting with a '-', place it at the end…")
 * answers a question users did not ask.
 */
export function argsProblem(error: unknown): string {
  const e = (error ?? {}) as { code?: string; message?: unknown };
  // Duck-typed: an error from another realm (a test VM, a worker) is no `instanceof Error` here.
  const message = typeof e.message === 'string' ? e.message : String(error);
  const flag = /'(-[^']*?)(?:[ ,<][^']*)?'/.exec(message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown flag ${flag}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /argument missing/.test(message) ? `${flag} needs a value` : `${flag} takes no value`;
  return message.split('\n')[0]!.replace(/\.$/, '');
}
