import { GraderError } from '../errors.js';
import { RosterRow, readClassCsv, readCsvRecords } from './class-csv.js';
import { type LmsSystem, lmsKey } from './lms-names.js';
import { moodleTime } from './local-time.js';

export type RosterFormat = 'plain' | 'moodle' | 'canvas' | 'github';

/** A class list keyed by student number, whatever export it came from. */
export interface Roster {
  format: RosterFormat;
  /** Every student on it: they get a row even without a submission. */
  rows: RosterRow[];
  /** `lmsKey(owner)` → student number. */
  lmsIds: Map<string, string>;
  /** Student number → submission time the export carries (Moodle's worksheet). */
  times: Map<string, Date>;
  /** Rows that could not be keyed by a student number, for the summary. */
  warnings: string[];
}

export const ROSTER_LABEL: Record<RosterFormat, string> = {
  plain: 'roster',
  moodle: 'Moodle grading worksheet',
  canvas: 'Canvas gradebook export',
  github: 'GitHub Classroom roster',
};

/** The headers that tell each export apart (Moodle's come from `mod/assign/lang/en/assign.php`). */
const SHAPES: { format: Exclude<RosterFormat, 'plain'>; needs: string[] }[] = [
  { format: 'moodle', needs: ['Identifier', 'Full name'] },
  { format: 'canvas', needs: ['Student', 'ID', 'SIS User ID'] },
  { format: 'github', needs: ['identifier', 'github_username'] },
];

/**
 * Reads `--roster`: `student_id,name`, Moodle's grading worksheet, Canvas's gradebook export or GitHub Classroom's
 * roster, told apart by their headers. `offset` is the course's (the deadline's) for Moodle's offset-less times.
 */
export async function readRoster(file: string, offset: string): Promise<Roster> {
  const records = await readCsvRecords(file, 'roster', (c) => c.trim(), true);
  const header = Object.keys(records[0] ?? {});
  const shape = SHAPES.find((s) => s.needs.every((h) => header.includes(h)));
  if (!shape) {
    const rows = await readClassCsv(file, RosterRow, 'roster');
    return { format: 'plain', rows, lmsIds: new Map(), times: new Map(), warnings: [] };
  }
  const roster: Roster = {
    format: shape.format,
    rows: [],
    lmsIds: new Map(),
    times: new Map(),
    warnings: [],
  };
  const read = READERS[shape.format];
  records.forEach((record, i) => {
    const row = read(record, offset);
    if (!row) return;
    const where = `${ROSTER_LABEL[shape.format]} ${file} row ${i + 2}`;
    if (!row.studentId) {
      roster.warnings.push(
        `${where}: ${row.lms.id} has no ${row.missing}, so their submission keeps that id`,
      );
      return;
    }
    roster.rows.push({ student_id: row.studentId, name: row.name });
    roster.lmsIds.set(lmsKey(row.lms), row.studentId);
    if (row.time) roster.times.set(row.studentId, row.time);
  });
  if (!roster.rows.length)
    throw new GraderError(
      'GRADER_CSV_INVALID',
      `${ROSTER_LABEL[shape.format]} ${file} names no student by student number: ${FIX[shape.format]}`,
    );
  return roster;
}

const FIX: Record<Exclude<RosterFormat, 'plain'>, string> = {
  moodle:
    "show the 'ID number' identity field (Site administration › Users › Permissions › Show user identity) and download the worksheet again",
  canvas: 'export the gradebook with SIS User ID or SIS Login ID filled in',
  github: "fill the roster's identifier column with student numbers",
};

interface RosterEntry {
  lms: { system: LmsSystem; id: string };
  studentId: string;
  name: string;
  time?: Date;
  /** The column a row without a student number lacks. */
  missing: string;
}

const nfc = (s: string | undefined) => (s ?? '').normalize('NFC').trim();

const READERS: Record<
  Exclude<RosterFormat, 'plain'>,
  (r: Record<string, string>, offset: string) => RosterEntry | null
> = {
  // `Identifier` is `Participant {id}` (the `hiddenuser` string): the number is the participant id in folder names.
  moodle: (r, offset) => {
    const id = /(\d+)\s*$/u.exec(r.Identifier ?? '')?.[1];
    if (!id) return null;
    const submitted = r['Last modified (submission)'];
    const time = submitted ? moodleTime(submitted, offset) : null;
    return {
      lms: { system: 'moodle', id },
      studentId: nfc(r['ID number']),
      name: nfc(r['Full name']),
      missing: 'ID number',
      ...(time ? { time } : {}),
    };
  },
  // Row 2 of the export is `Points Possible`; Canvas's test student has no SIS ids and is skipped with a warning.
  canvas: (r) => {
    const id = nfc(r.ID);
    if (!/^\d+$/u.test(id)) return null;
    return {
      lms: { system: 'canvas', id },
      studentId: nfc(r['SIS User ID']) || nfc(r['SIS Login ID']),
      name: nfc(r.Student),
      missing: 'SIS User ID or SIS Login ID',
    };
  },
  github: (r) => {
    const id = nfc(r.github_username);
    if (!id) return null;
    return {
      lms: { system: 'github', id },
      studentId: nfc(r.identifier),
      name: nfc(r.name),
      missing: 'identifier',
    };
  },
};
