/**
 * LMSs write submission times as wall-clock text without an offset (Blackboard's attempt names, Moodle's grading
 * worksheet). They are read in the offset of the spec's deadline, the course's own time zone.
 */

function at(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string): Date | null {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const iso = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
  const t = Date.parse(iso);
  return Number.isNaN(t) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59
    ? null
    : new Date(t);
}

/** Blackboard's `2019-10-31-23-59-00`. */
export function dashedTime(text: string, offset: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/u.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as number[];
  return at(y as number, mo as number, d as number, h as number, mi as number, s as number, offset);
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Moodle's `userdate()` in English (`strftimedaydatetime`, `%A, %d %B %Y, %I:%M %p`): `Thursday, 31 October 2019,
 * 11:59 PM`. ISO text with an offset is accepted too (a worksheet edited by hand). `-` (nothing submitted) is null.
 */
export function moodleTime(text: string, offset: string): Date | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T.*([+-]\d{2}:\d{2}|Z)$/u.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m =
    /^(?:[A-Za-z]+,\s*)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/u.exec(
      t,
    );
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] as string).toLowerCase()) + 1;
  if (!month) return null;
  let hour = Number(m[4]);
  const ampm = m[7]?.toLowerCase();
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  return at(Number(m[3]), month, Number(m[1]), hour, Number(m[5]), Number(m[6] ?? 0), offset);
}
