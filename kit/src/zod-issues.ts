import type { z } from 'zod';

/** `checks[2].status`, `report.sections[0][1]`, or `(top level)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** An option name as users type it on a command line: `idleTimeout` → `--idle-timeout`. */
export function flagName(path: readonly PropertyKey[]): string {
  return `--${String(path[0] ?? '?').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Every problem zod found, in one line (`where: what; where: what`), so a user fixes them all in one go.
 * `where` names a place the way the user wrote it: a spec path by default, `flagName` for command lines.
 */
export function zodIssuesLine(
  issues: readonly z.core.$ZodIssue[],
  where: (path: readonly PropertyKey[]) => string = formatPath,
): string {
  return issues.map((issue) => `${where(issue.path)}: ${issue.message}`).join('; ');
}
