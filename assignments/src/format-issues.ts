import { formatPath } from '@netlab/kit';
import type { z } from 'zod';
import { AssignmentSpec, CodeSpec, HttpCheck, ReportSpec, Rubric, TcpCheck } from './spec.js';

/** The fields allowed at each place in a spec, for "unknown field" hints. */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  const [first] = path;
  const shape =
    path.length === 0
      ? AssignmentSpec.shape
      : first === 'code'
        ? CodeSpec.shape
        : first === 'report'
          ? ReportSpec.shape
          : first === 'rubric'
            ? Rubric.shape
            : first === 'checks'
              ? HttpCheck.shape
              : first === 'tcpChecks'
                ? TcpCheck.shape
                : {};
  return Object.keys(shape);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

function unknownField(key: string, allowed: string[]): string {
  const near = allowed
    .map((name) => ({ name, d: editDistance(key.toLowerCase(), name.toLowerCase()) }))
    // Short keys get one edit at most, or every two-letter typo would "mean" `id`.
    .filter(({ d }) => d <= (key.length <= 3 ? 1 : Math.max(2, Math.floor(key.length / 3))))
    .sort((x, y) => x.d - y.d)[0];
  return near
    ? `unknown field ${JSON.stringify(key)}, did you mean ${near.name}?`
    : `unknown field ${JSON.stringify(key)}; allowed: ${allowed.join(', ')}`;
}

/** One `field.path: fix` line per problem (an unknown-keys issue gives one per key). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const where = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = fieldsAt(issue.path);
      return issue.keys.map(
        (key) => `${where === '(top level)' ? key : `${where}.${key}`}: ${unknownField(key, allowed)}`,
      );
    }
    if (issue.code === 'invalid_type' && issue.expected === 'object') {
      const fields = fieldsAt(issue.path).join(', ');
      const what =
        issue.path.length === 0 ? `a mapping of spec fields (${fields})` : `a mapping with ${fields}`;
      return [`${where}: ${issue.input === undefined ? 'required:' : 'must be'} ${what}`];
    }
    return [`${where}: ${issue.message}`];
  });
}
