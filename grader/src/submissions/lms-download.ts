import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { lastCommitTime } from './git-time.js';
import {
  type BlackboardFile,
  blackboardFile,
  type CanvasFile,
  canvasFile,
  canvasResubmission,
  githubSlug,
  githubUser,
  type LmsFile,
  type LmsOwner,
  lmsKey,
  moodleFile,
  moodleFolder,
} from './lms-names.js';
import { dashedTime } from './local-time.js';
import { byRel, type SubmittedFile, walk } from './walk.js';

export type LayoutTimeSource = 'Blackboard attempt' | 'Git commit';

/** One student's entries in an LMS download, with the LMS's prefixes already taken off the file names. */
export interface LmsEntry {
  owner: LmsOwner;
  source: string;
  files: SubmittedFile[];
  mtime: Date;
  notes: string[];
  /** A submission time the layout itself carries. */
  time?: { at: Date; source: LayoutTimeSource };
  /** Canvas wrote `_LATE_` into the names: its own verdict, kept as evidence beside the times. */
  lateMarker?: boolean;
}

interface Flat<F> {
  name: string;
  abs: string;
  mtime: Date;
  parsed: F;
}

/**
 * Collects the entries of a download folder that one of the LMS layouts names, then builds one `LmsEntry` per
 * student: Moodle's plugin folders merged, Canvas's resubmission copies resolved, Blackboard's latest attempt,
 * a GitHub Classroom clone with its last commit's time.
 */
export class LmsDownload {
  private readonly moodleFolders = new Map<
    string,
    { owner: LmsOwner; folders: { name: string; abs: string }[] }
  >();
  private readonly moodleFiles = new Map<string, Flat<LmsFile>[]>();
  private readonly canvas = new Map<string, Flat<CanvasFile>[]>();
  private readonly blackboard = new Map<string, Flat<BlackboardFile>[]>();
  private readonly repos: { name: string; abs: string }[] = [];

  constructor(
    private readonly downloadDir: string,
    /** The course's offset, for Blackboard's offset-less attempt times. */
    private readonly offset: string,
  ) {}

  /** Takes a folder the Moodle or GitHub Classroom layout names; false leaves it to the other layouts. */
  async takeFolder(name: string, abs: string, isOwnLayout: boolean): Promise<boolean> {
    const moodle = moodleFolder(name);
    if (moodle) {
      const key = lmsKey(moodle);
      const group = this.moodleFolders.get(key) ?? { owner: moodle, folders: [] };
      group.folders.push({ name, abs });
      this.moodleFolders.set(key, group);
      return true;
    }
    if (isOwnLayout) return false;
    const git = await stat(path.join(abs, '.git')).catch(() => null);
    if (!git) return false;
    this.repos.push({ name, abs });
    return true;
  }

  /** Takes a file one of the flat layouts (Moodle, Blackboard, Canvas) names. */
  async takeFile(name: string, abs: string): Promise<boolean> {
    const parsed = moodleFile(name) ?? blackboardFile(name) ?? canvasFile(name);
    if (!parsed) return false;
    const mtime = (await stat(abs)).mtime;
    const map: Map<string, Flat<typeof parsed>[]> =
      parsed.system === 'moodle'
        ? this.moodleFiles
        : parsed.system === 'canvas'
          ? this.canvas
          : this.blackboard;
    const key = lmsKey(parsed);
    map.set(key, [...(map.get(key) ?? []), { name, abs, mtime, parsed }]);
    return true;
  }

  async entries(): Promise<LmsEntry[]> {
    const out: LmsEntry[] = [];
    for (const { owner, folders } of this.moodleFolders.values()) out.push(await moodleEntry(owner, folders));
    for (const files of this.moodleFiles.values()) out.push(renamedEntry(files, 'Moodle'));
    for (const files of this.canvas.values()) out.push(canvasEntry(files));
    for (const files of this.blackboard.values()) out.push(await blackboardEntry(files, this.offset));
    const slug = githubSlug(
      path.basename(this.downloadDir),
      this.repos.map((r) => r.name),
    );
    for (const repo of this.repos) out.push(await githubEntry(repo, slug));
    return mergeSameOwner(out);
  }
}

/** Moodle's flat and folder forms of one participant (both can occur in one download) become one entry. */
function mergeSameOwner(entries: LmsEntry[]): LmsEntry[] {
  const byOwner = new Map<string, LmsEntry>();
  for (const e of entries) {
    const key = lmsKey(e.owner);
    const seen = byOwner.get(key);
    if (!seen) {
      byOwner.set(key, e);
      continue;
    }
    seen.files = [...seen.files, ...e.files].sort(byRel);
    seen.notes.push(...e.notes);
    seen.source = `${seen.source}, ${e.source}`;
    if (e.mtime > seen.mtime) seen.mtime = e.mtime;
  }
  return [...byOwner.values()];
}

async function latestMtime(files: SubmittedFile[], start: Date): Promise<Date> {
  let latest = start;
  for (const f of files) {
    const m = (await stat(f.abs)).mtime;
    if (m > latest) latest = m;
  }
  return latest;
}

async function moodleEntry(owner: LmsOwner, folders: { name: string; abs: string }[]): Promise<LmsEntry> {
  const notes: string[] = [];
  const files: SubmittedFile[] = [];
  let mtime = new Date(0);
  for (const f of folders.sort((a, b) => a.name.localeCompare(b.name))) {
    files.push(...(await walk(f.abs, '', notes)));
    const m = (await stat(f.abs)).mtime;
    if (m > mtime) mtime = m;
  }
  const names = folders.map((f) => `${f.name}/`);
  notes.push(`Moodle download folder${names.length > 1 ? 's' : ''} ${names.join(', ')}`);
  return {
    owner,
    source: names.join(', '),
    files: files.sort(byRel),
    // A folder's own time is when the download was unpacked; the files' times are the closer guess.
    mtime: files.length ? await latestMtime(files, new Date(0)) : mtime,
    notes,
  };
}

function renamedNote(lms: string, pairs: [string, string][]): string {
  return `${lms} names: ${pairs.map(([from, to]) => `${from} → ${to}`).join(', ')}`;
}

function renamedEntry(files: Flat<{ original: string } & LmsOwner>[], lms: string): LmsEntry {
  const first = files[0] as Flat<LmsOwner>;
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  return {
    owner: first.parsed,
    source: sorted.map((f) => f.name).join(', '),
    files: sorted.map((f) => ({ rel: f.parsed.original, abs: f.abs })).sort(byRel),
    mtime: new Date(Math.max(...files.map((f) => f.mtime.getTime()))),
    notes: [
      renamedNote(
        lms,
        sorted.map((f) => [f.name, f.parsed.original]),
      ),
    ],
  };
}

/** Canvas: of `x.py`, `x-1.py`, `x-2.py` the highest number is the student's last upload of `x.py`. */
function canvasEntry(files: Flat<CanvasFile>[]): LmsEntry {
  const byBase = new Map<string, Flat<CanvasFile>[]>();
  for (const f of files) {
    const { base } = canvasResubmission(f.parsed.original);
    byBase.set(base, [...(byBase.get(base) ?? []), f]);
  }
  const kept: Flat<CanvasFile>[] = [];
  const notes: string[] = [];
  for (const [base, copies] of byBase) {
    const rank = (f: Flat<CanvasFile>) => canvasResubmission(f.parsed.original).n;
    copies.sort((a, b) => rank(b) - rank(a) || Number(b.parsed.attachmentId) - Number(a.parsed.attachmentId));
    const latest = copies[0] as Flat<CanvasFile>;
    kept.push({ ...latest, parsed: { ...latest.parsed, original: base } });
    if (copies.length > 1)
      notes.push(
        `Canvas resubmission: ${latest.name} counts as ${base}; not graded: ${copies
          .slice(1)
          .map((c) => c.name)
          .join(', ')}`,
      );
  }
  const entry = renamedEntry(kept, 'Canvas');
  const late = files.some((f) => f.parsed.late);
  return { ...entry, notes: [...entry.notes, ...notes], ...(late ? { lateMarker: true } : {}) };
}

/** Blackboard: every attempt is in the download; the latest counts, its receipt maps names back when it can. */
async function blackboardEntry(files: Flat<BlackboardFile>[], offset: string): Promise<LmsEntry> {
  const attempts = [...new Set(files.map((f) => f.parsed.attempt))].sort();
  const latest = attempts[attempts.length - 1] as string;
  const mine = files.filter((f) => f.parsed.attempt === latest);
  const receipt = mine.find((f) => f.parsed.receipt);
  const originals = receipt ? await receiptNames(receipt.abs) : new Map<string, string>();
  const submitted = mine
    .filter((f) => !f.parsed.receipt)
    .map((f) => ({ ...f, parsed: { ...f.parsed, original: originals.get(f.name) ?? f.parsed.original } }));
  const entry = renamedEntry(submitted.length ? submitted : mine, 'Blackboard');
  if (!submitted.length) entry.files = [];
  const notes = [...entry.notes];
  if (attempts.length > 1)
    notes.push(
      `${attempts.length} Blackboard attempts (${attempts.join(', ')}); the latest, ${latest}, counts`,
    );
  const at = dashedTime(latest, offset);
  return { ...entry, notes, ...(at ? { time: { at, source: 'Blackboard attempt' as const } } : {}) };
}

/** The receipt lists `Original filename: …` then `Filename: …` (the name in the download) for each file. */
async function receiptNames(file: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const text = await readFile(file, 'utf8').catch(() => '');
  let original: string | undefined;
  for (const line of text.split(/\r?\n/u)) {
    const o = /^\s*Original filename:\s*(.+?)\s*$/iu.exec(line);
    if (o) original = o[1]?.normalize('NFC');
    const f = /^\s*Filename:\s*(.+?)\s*$/iu.exec(line);
    if (f && original) {
      names.set((f[1] as string).normalize('NFC'), original);
      original = undefined;
    }
  }
  return names;
}

async function githubEntry(repo: { name: string; abs: string }, slug: string): Promise<LmsEntry> {
  const notes = [`GitHub Classroom clone ${repo.name}/`];
  const files = await walk(repo.abs, '', notes);
  const mtime = await latestMtime(files, (await stat(repo.abs)).mtime);
  const owner: LmsOwner = { system: 'github', id: githubUser(repo.name, slug), name: '' };
  const commit = await lastCommitTime(repo.abs);
  if ('reason' in commit) {
    notes.push(`no commit time (${commit.reason}): file modification time used`);
    return { owner, source: repo.name, files, mtime, notes };
  }
  return { owner, source: repo.name, files, mtime, notes, time: { at: commit.at, source: 'Git commit' } };
}
