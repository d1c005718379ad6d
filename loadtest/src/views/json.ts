/** The `--json` file: the result object (or a list of them, from import), indented. */
export function resultJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
