/** An error's message for one line of text; anything thrown that is not an Error, as a string. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
