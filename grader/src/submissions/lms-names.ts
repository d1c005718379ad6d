/**
 * The names LMS bulk downloads give their entries, parsed back into who submitted and the file's original name.
 * Each shape is the one the LMS's own code writes; grader/README.md ("LMS downloads") cites the source read.
 */

export type LmsSystem = 'moodle' | 'canvas' | 'blackboard' | 'github';

export const LMS_LABEL: Record<LmsSystem, string> = {
  moodle: 'Moodle participant',
  canvas: 'Canvas user',
  blackboard: 'Blackboard user',
  github: 'GitHub user',
};

/** Who an LMS entry belongs to, in the LMS's own terms. */
export interface LmsOwner {
  system: LmsSystem;
  /** Moodle participant id, Canvas user id, Blackboard username, GitHub username. */
  id: string;
  /** The name the LMS wrote into the entry (Moodle full name, Canvas sortable name), if any. */
  name: string;
}

/** One key per LMS account; GitHub usernames are case-insensitive. */
export function lmsKey(owner: Pick<LmsOwner, 'system' | 'id'>): string {
  return `${owner.system}:${owner.system === 'github' ? owner.id.toLowerCase() : owner.id}`;
}

export interface LmsFile extends LmsOwner {
  /** The student's own file name, with the LMS's prefix removed. */
  original: string;
}

/**
 * Moodle `mod/assign` "Download all submissions" in folders: `{full name}_{participant id}_assignsubmission_{plugin}_`
 * (full name with `_` turned into spaces). The plugin is `file`, `onlinetext`, or another submission plugin.
 */
const MOODLE_FOLDER = /^(.+)_(\d+)_assignsubmission_([a-z]+)_$/u;
/** The flat form (the "download as folders" preference off): `{full name}_{participant id}_assignsubmission_file_{original}`. */
const MOODLE_FILE = /^(.+)_(\d+)_assignsubmission_([a-z]+)_(.+)$/u;

export function moodleFolder(name: string): (LmsOwner & { plugin: string }) | null {
  const m = MOODLE_FOLDER.exec(name);
  return m
    ? { system: 'moodle', id: m[2] as string, name: (m[1] as string).trim(), plugin: m[3] as string }
    : null;
}

export function moodleFile(name: string): LmsFile | null {
  const m = MOODLE_FILE.exec(name);
  return m
    ? { system: 'moodle', id: m[2] as string, name: (m[1] as string).trim(), original: m[4] as string }
    : null;
}

/**
 * Canvas `ContentZipper#add_submission`: `{sortable name}[_LATE]_{user id}_{attachment id}_{display name}`, the
 * sortable name lower-cased with every non-word character removed; text and URL entries end `_text.html` and
 * `_link.html` instead of an attachment. The name is lower case, which tells `cn_6_…` (Canvas) from `CN_6_…` (a
 * student's own flat file).
 */
const CANVAS_FILE = /^([^\p{Lu}]*?)(_LATE)?_(\d+)_(\d+)_(.+)$/u;
const CANVAS_ONLINE = /^([^\p{Lu}]*?)(_LATE)?_(\d+)_(text|link)\.html$/u;

export interface CanvasFile extends LmsFile {
  late: boolean;
  attachmentId: string;
}

export function canvasFile(name: string): CanvasFile | null {
  const online = CANVAS_ONLINE.exec(name);
  if (online?.[1]) {
    const [, who = '', late, id = '', kind = ''] = online;
    return { system: 'canvas', id, name: who, late: !!late, attachmentId: '', original: `${kind}.html` };
  }
  const m = CANVAS_FILE.exec(name);
  if (!m?.[1]) return null;
  const [, who = '', late, id = '', attachmentId = '', original = ''] = m;
  return { system: 'canvas', id, name: who, late: !!late, attachmentId, original };
}

/**
 * Canvas keeps a student's earlier upload of the same name and gives the new one `-1`, `-2` … before the extension
 * (`Attachment.make_unique_filename`). Returns the name without it and the number (0 when there is none).
 */
export function canvasResubmission(original: string): { base: string; n: number } {
  const m = /^(.+)-(\d{1,2})((?:\.[A-Za-z][A-Za-z0-9]*)*\.[A-Za-z0-9]+)$/u.exec(original);
  return m ? { base: `${m[1]}${m[3]}`, n: Number(m[2]) } : { base: original, n: 0 };
}

/**
 * Blackboard Learn "Assignment File Download": `{assignment}_{username}_attempt_{yyyy-mm-dd-hh-mm-ss}_{original}` per
 * file and `{assignment}_{username}_attempt_{…}.txt`, the attempt's receipt. The username is the last `_` field
 * before `_attempt_`.
 */
const BLACKBOARD = /^(.*)_([^_]+)_attempt_(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(.+)|\.txt)$/u;

export interface BlackboardFile extends LmsFile {
  /** `yyyy-mm-dd-hh-mm-ss` as in the name: local time of the Blackboard server. */
  attempt: string;
  /** The attempt's `.txt` receipt rather than a submitted file. */
  receipt: boolean;
}

export function blackboardFile(name: string): BlackboardFile | null {
  const m = BLACKBOARD.exec(name);
  if (!m) return null;
  const [, , user, attempt, original] = m as unknown as (string | undefined)[];
  return {
    system: 'blackboard',
    id: user as string,
    name: '',
    attempt: attempt as string,
    receipt: original === undefined,
    original: original ?? '',
  };
}

/**
 * GitHub Classroom (`gh classroom clone student-repos`): one clone per student named after the repository,
 * `{assignment slug}-{github username}`, inside `{slug}-submissions/`. The slug is the download folder's name
 * without `-submissions`, else the longest common `-`-ended prefix of the repositories' names.
 */
export function githubUser(repo: string, slug: string): string {
  return slug && repo.startsWith(`${slug}-`) && repo.length > slug.length + 1
    ? repo.slice(slug.length + 1)
    : repo;
}

export function githubSlug(downloadFolder: string, repos: string[]): string {
  if (downloadFolder.endsWith('-submissions')) return downloadFolder.slice(0, -'-submissions'.length);
  if (repos.length < 2) return '';
  let prefix = repos[0] as string;
  for (const r of repos) while (!r.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('-');
  return cut > 0 ? prefix.slice(0, cut) : '';
}
