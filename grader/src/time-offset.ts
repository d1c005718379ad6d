/** `+09:00` from `2019-10-31T23:59:00+09:00`; `Z` stays `Z`. */
export function offsetOf(isoDeadline: string): string {
  return /([+-]\d{2}:\d{2}|Z)$/u.exec(isoDeadline)?.[1] ?? 'Z';
}

/**
 * `at` as ISO 8601 in the offset the spec's deadline is written in (`2019-10-31T23:59:00+09:00`), so a student
 * reads times on the course's clock, not UTC; milliseconds only when there are some.
 */
export function courseTime(at: Date, isoDeadline: string): string {
  const offset = offsetOf(isoDeadline);
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(at.getTime() + minutes * 60_000).toISOString();
  const ms = local.slice(19, 23) === '.000' ? '' : local.slice(19, 23);
  return `${local.slice(0, 19)}${ms}${m ? offset : '+00:00'}`;
}
