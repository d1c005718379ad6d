import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { GraderError } from '../errors.js';
import { DEFAULT_ZIP_LIMITS, extractZip, type ZipLimits, ZipRejected } from './zip-extract.js';

export interface SubmittedFile {
  /** NFC, `/`-separated, relative to the submission's root. */
  rel: string;
  /** Where it really is on disk (may be NFD). */
  abs: string;
}

export interface StudentSubmission {
  studentId: string;
  /** Name carried by the folder/zip name, NFC; may be empty. */
  name: string;
  /** The entry in the submissions folder that counts. */
  source: string;
  files: SubmittedFile[];
  mtime: Date;
  notes: string[];
  /** Set when nothing could be read (zip refused): the reason for the row. */
  rejected?: string;
}

export interface Discovery {
  submissions: StudentSubmission[];
  warnings: string[];
}

export const IGNORED_NAMES = new Set(['manifest.csv', '__MACOSX', 'Thumbs.db', 'desktop.ini']);

interface Candidate {
  studentId: string;
  name: string;
  source: string;
  kind: 'folder' | 'zip' | 'files';
  files: SubmittedFile[];
  zipPath?: string;
  mtime: Date;
  notes: string[];
}

/** `<id>_<name>`, `<id>` (folder or zip). Ids are runs of 5+ digits, as LMS bulk downloads name them. */
const NAMED = /^(\d{5,})(?:[_\s-]+(.*))?$/u;
const ID_ANYWHERE = /(?<!\d)(\d{5,})(?!\d)/u;

/**
 * Finds one submission per student in an LMS bulk download: folders, zips or flat files named with the id.
 * Zips are extracted under `workDir`. Two entries for one student: the most recently modified counts, noted.
 */
export async function discoverSubmissions(
  dir: string,
  workDir: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Discovery> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new GraderError('GRADER_INPUT_MISSING', `submissions folder ${dir} cannot be read: check the path`);
  }
  const warnings: string[] = [];
  const candidates: Candidate[] = [];
  const flat = new Map<string, Candidate>();
  for (const d of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
    const name = d.name.normalize('NFC');
    if (name.startsWith('.') || IGNORED_NAMES.has(name)) continue;
    const abs = path.join(dir, d.name);
    if (d.isDirectory() || (d.isFile() && name.toLowerCase().endsWith('.zip'))) {
      const kind = d.isDirectory() ? 'folder' : 'zip';
      const owner = parseEntryName(kind === 'zip' ? name.slice(0, -4) : name);
      if (!owner) warnings.push(`ignored ${kind} ${name}: no student id in its name`);
      else if (kind === 'folder') candidates.push(await folderCandidate(owner.id, owner.name, name, abs));
      else candidates.push(await zipCandidate(owner.id, owner.name, name, abs));
    } else if (d.isFile()) {
      const id = ID_ANYWHERE.exec(name)?.[1];
      if (!id) {
        warnings.push(`ignored file ${name}: no student id in its name`);
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
  const submissions: StudentSubmission[] = [];
  for (const group of groupById(candidates))
    submissions.push(await materialise(pickLatest(group), workDir, limits));
  submissions.sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0));
  return { submissions, warnings };
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
  const base = { studentId: c.studentId, name: c.name, source: c.source, mtime: c.mtime, notes: c.notes };
  if (c.kind !== 'zip' || !c.zipPath) return { ...base, files: c.files.sort(byRel) };
  const dest = path.join(workDir, 'zips', c.studentId);
  try {
    const out = await extractZip(c.zipPath, dest, limits);
    if (out.skipped.length) c.notes.push(`zip entries not extracted: ${out.skipped.join(', ')}`);
    const files = await walk(dest, '', c.notes);
    return { ...base, files };
  } catch (error) {
    const reason =
      error instanceof ZipRejected ? error.message : `zip could not be extracted (${String(error)})`;
    return { ...base, files: [], rejected: `${c.source}: ${reason}` };
  }
}

/** Regular files only (no links, no hidden or macOS metadata), sorted by NFC path for determinism. */
export async function walk(root: string, prefix: string, notes: string[]): Promise<SubmittedFile[]> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(path.join(root, prefix), { withFileTypes: true });
  } catch {
    notes.push(`folder ${prefix || '.'} could not be read`);
    return [];
  }
  const out: SubmittedFile[] = [];
  for (const d of dirents) {
    const name = d.name.normalize('NFC');
    if (name.startsWith('.') || IGNORED_NAMES.has(name)) continue;
    const relDisk = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await walk(root, relDisk, notes)));
    else if (d.isFile()) out.push({ rel: relDisk.normalize('NFC'), abs: path.join(root, relDisk) });
  }
  return out.sort(byRel);
}

function byRel(a: SubmittedFile, b: SubmittedFile): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
}
