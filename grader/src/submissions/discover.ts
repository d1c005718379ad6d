import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { GraderError } from '../errors.js';
import { type LayoutTimeSource, LmsDownload, type LmsEntry } from './lms-download.js';
import { LMS_LABEL, type LmsOwner } from './lms-names.js';
import { byRel, IGNORED_NAMES, type SubmittedFile, walk } from './walk.js';
import { DEFAULT_ZIP_LIMITS, extractZip, type ZipLimits, ZipRejected } from './zip-extract.js';

export { IGNORED_NAMES, type SubmittedFile, walk } from './walk.js';

export interface StudentSubmission {
  studentId: string;
  /** Name carried by the folder/zip name or the roster, NFC; may be empty. */
  name: string;
  /** The entry in the submissions folder that counts. */
  source: string;
  files: SubmittedFile[];
  mtime: Date;
  notes: string[];
  /** Set when nothing could be read (zip refused): the reason for the row. */
  rejected?: string;
  /** The LMS account the entry was named after, when an LMS layout named it. */
  lms?: LmsOwner;
  /** A submission time the layout carries (Blackboard attempt, Git commit). */
  layoutTime?: { at: Date; source: LayoutTimeSource };
  /** Canvas marked the submission late in its file names. */
  lateMarker?: boolean;
}

export interface Discovery {
  submissions: StudentSubmission[];
  warnings: string[];
  /** LMS accounts no roster row maps to a student number, graded under the LMS id: one line each. */
  unmatched: string[];
}

export interface DiscoverOptions {
  limits?: ZipLimits;
  /** The course's offset (the deadline's), for LMS times written without one. */
  offset?: string;
  /** The roster's student number (and name) for an LMS account; undefined when it has none. */
  identify?: (owner: LmsOwner) => { studentId: string; name: string } | undefined;
}

type Candidate = Omit<StudentSubmission, 'rejected'> & { kind: 'folder' | 'zip' | 'files'; zipPath?: string };

/** `<id>_<name>`, `<id>` (folder or zip). Ids are runs of 5+ digits, as LMS bulk downloads name them. */
const NAMED = /^(\d{5,})(?:[_\s-]+(.*))?$/u;
const ID_ANYWHERE = /(?<!\d)(\d{5,})(?!\d)/u;

const LAYOUTS = '<id>_<name>, Moodle, Canvas, Blackboard, GitHub Classroom';

/**
 * Finds one submission per student in a bulk download: today's `<id>_<name>` folders, zips and flat files, and the
 * Moodle, Canvas, Blackboard and GitHub Classroom layouts (`lms-names.ts`), each mapped to a student number through
 * `identify`. Zips are extracted under `workDir`. Two entries for one student: the most recent counts, noted.
 */
export async function discoverSubmissions(
  dir: string,
  workDir: string,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new GraderError('GRADER_INPUT_MISSING', `submissions folder ${dir} cannot be read: check the path`);
  }
  const warnings: string[] = [];
  const unknown: string[] = [];
  const candidates: Candidate[] = [];
  const flat = new Map<string, Candidate>();
  const lms = new LmsDownload(dir, options.offset ?? 'Z');
  for (const d of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
    const name = d.name.normalize('NFC');
    if (name.startsWith('.') || IGNORED_NAMES.has(name)) continue;
    const abs = path.join(dir, d.name);
    if (d.isDirectory()) {
      if (await lms.takeFolder(name, abs, NAMED.test(name))) continue;
      const owner = parseEntryName(name);
      if (owner) candidates.push(await folderCandidate(owner.id, owner.name, name, abs));
      else unknown.push(`${name}/`);
    } else if (d.isFile()) {
      if (await lms.takeFile(name, abs)) continue;
      const zip = name.toLowerCase().endsWith('.zip') ? parseEntryName(name.slice(0, -4)) : null;
      if (zip) {
        candidates.push(await zipCandidate(zip.id, zip.name, name, abs));
        continue;
      }
      const id = ID_ANYWHERE.exec(name)?.[1];
      if (!id) {
        unknown.push(name);
        continue;
      }
      const st = await stat(abs);
      const c = flat.get(id) ?? {
        studentId: id,
        name: '',
        source: name,
        kind: 'files',
        files: [],
        mtime: st.mtime,
        notes: [],
      };
      c.files.push({ rel: stripIdPrefix(name, id), abs });
      if (st.mtime > c.mtime) c.mtime = st.mtime;
      flat.set(id, c);
    }
  }
  candidates.push(...flat.values());
  const unmatched: string[] = [];
  for (const entry of await lms.entries()) candidates.push(lmsCandidate(entry, options.identify, unmatched));
  if (unknown.length)
    warnings.push(
      `${unknown.length} ${unknown.length === 1 ? 'entry matches' : 'entries match'} no known layout (${LAYOUTS}) and ${unknown.length === 1 ? 'was' : 'were'} not graded, e.g. ${unknown[0]}`,
    );
  const submissions: StudentSubmission[] = [];
  for (const group of groupById(candidates))
    submissions.push(await materialise(pickLatest(group), workDir, limits));
  submissions.sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0));
  return { submissions, warnings, unmatched };
}

/** An LMS account becomes its roster student number; one the roster lacks keeps the LMS id, noted and listed. */
function lmsCandidate(
  entry: LmsEntry,
  identify: DiscoverOptions['identify'],
  unmatched: string[],
): Candidate {
  const { owner } = entry;
  const known = identify?.(owner);
  const who = `${LMS_LABEL[owner.system]} ${owner.id}${owner.name ? ` (${owner.name})` : ''}`;
  const notes = [...entry.notes];
  if (!known) {
    const line = `${who} is not on the roster: graded under that id`;
    notes.unshift(line);
    unmatched.push(line);
  }
  return {
    studentId: known?.studentId ?? owner.id,
    name: (known?.name || owner.name).normalize('NFC'),
    source: entry.source,
    kind: 'files',
    files: entry.files,
    mtime: entry.mtime,
    notes,
    lms: owner,
    ...(entry.time ? { layoutTime: entry.time } : {}),
    ...(entry.lateMarker ? { lateMarker: true } : {}),
  };
}

/** LMS flat downloads prefix each file with `<id>_`; the student's code expects the original name (`index.html`). */
function stripIdPrefix(name: string, id: string): string {
  return name.startsWith(id) ? name.slice(id.length).replace(/^[_\s-]+/u, '') || name : name;
}

function parseEntryName(stem: string): { id: string; name: string } | null {
  const m = NAMED.exec(stem);
  if (m?.[1]) return { id: m[1], name: (m[2] ?? '').trim() };
  const id = ID_ANYWHERE.exec(stem)?.[1];
  return id ? { id, name: '' } : null;
}

function groupById(candidates: Candidate[]): Candidate[][] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) groups.set(c.studentId, [...(groups.get(c.studentId) ?? []), c]);
  return [...groups.values()];
}

function pickLatest(group: Candidate[]): Candidate {
  const sorted = [...group].sort(
    (a, b) => a.mtime.getTime() - b.mtime.getTime() || a.source.localeCompare(b.source),
  );
  const latest = sorted[sorted.length - 1] as Candidate;
  if (group.length > 1) {
    const all = group.map((c) => c.source).sort();
    latest.notes.push(
      `${group.length} submissions found (${all.join(', ')}); the latest, ${latest.source}, counts`,
    );
  }
  return latest;
}

async function folderCandidate(id: string, name: string, source: string, abs: string): Promise<Candidate> {
  const notes: string[] = [];
  const files = await walk(abs, '', notes);
  let mtime = (await stat(abs)).mtime;
  for (const f of files) {
    const m = (await stat(f.abs)).mtime;
    if (m > mtime) mtime = m;
  }
  return { studentId: id, name: name.normalize('NFC'), source, kind: 'folder', files, mtime, notes };
}

async function zipCandidate(id: string, name: string, source: string, abs: string): Promise<Candidate> {
  const mtime = (await stat(abs)).mtime;
  return { studentId: id, name, source, kind: 'zip', files: [], zipPath: abs, mtime, notes: [] };
}

async function materialise(c: Candidate, workDir: string, limits: ZipLimits): Promise<StudentSubmission> {
  const { kind, zipPath, files: found, ...base } = c;
  if (kind !== 'zip' || !zipPath) return { ...base, files: found.sort(byRel) };
  const dest = path.join(workDir, 'zips', c.studentId);
  try {
    const out = await extractZip(zipPath, dest, limits);
    if (out.skipped.length) c.notes.push(`zip entries not extracted: ${out.skipped.join(', ')}`);
    const files = await walk(dest, '', c.notes);
    return { ...base, files };
  } catch (error) {
    const reason =
      error instanceof ZipRejected ? error.message : `zip could not be extracted (${String(error)})`;
    return { ...base, files: [], rejected: `${c.source}: ${reason}` };
  }
}
