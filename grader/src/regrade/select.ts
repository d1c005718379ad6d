import type { AssignmentSpec } from '@netlab/assignments';
import { type CodeFile, collectCode } from '../checks/code.js';
import { GraderError } from '../errors.js';
import type { StudentSubmission } from '../submissions/discover.js';

/** The ids to grade: the whole class, or those `--only` names, each of whom must be in it. */
export function studentsToGrade(ids: string[], only: string[] | undefined): string[] {
  if (!only) return ids;
  const known = new Set(ids);
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new GraderError(
      'GRADER_UNKNOWN_STUDENT',
      `--only ${unknown.join(',')}: not in this class (roster, manifest or submissions); check the id`,
    );
  }
  return ids.filter((id) => only.includes(id));
}

/**
 * Everyone else's code, read from their submissions as a full run reads it, for their pairs with the regraded
 * students: reading and tokenising costs milliseconds, their servers are not run again.
 */
export async function othersCode(
  ids: string[],
  graded: string[],
  byId: Map<string, StudentSubmission>,
  spec: AssignmentSpec,
): Promise<{ studentId: string; code: CodeFile[] }[]> {
  const regraded = new Set(graded);
  const others = ids.filter((id) => !regraded.has(id) && byId.has(id));
  return Promise.all(
    others.map(async (studentId) => ({
      studentId,
      code: (await collectCode(byId.get(studentId)?.files ?? [], spec.code)).files,
    })),
  );
}
