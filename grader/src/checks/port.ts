import type { AssignmentSpec } from '@netlab/assignments';
import type { Flag } from '../flags.js';
import type { SubmittedFile } from '../submissions/discover.js';
import type { CodeFile } from './code.js';
import { findBoundPorts } from './port-static.js';
import { runStudentServer, type ServerRun, type ServerRunOptions } from './server-run.js';

export interface PortCheck {
  /** Ports the code binds, by reading it. */
  staticPorts: number[];
  entry?: string;
  run?: ServerRun;
  /** Share of the server part earned. */
  fraction: number;
  flags: Flag[];
  notes: string[];
}

/**
 * The file to run: the spec's `entry` (at the top or in a subfolder, shallowest first), else the first file
 * that binds a port, else none.
 */
export function pickEntry(code: CodeFile[], entry: string | undefined): CodeFile | undefined {
  const byDepth = [...code].sort(
    (a, b) => a.rel.split('/').length - b.rel.split('/').length || (a.rel < b.rel ? -1 : 1),
  );
  if (entry) {
    const exact = byDepth.find((f) => f.rel === entry || f.rel.endsWith(`/${entry}`));
    // Flat LMS downloads may keep a `<name>_` prefix: `배준현_server.py`.
    return exact ?? byDepth.find((f) => f.rel.endsWith(`_${entry}`));
  }
  return byDepth.find((f) => findBoundPorts(f.content).length > 0);
}

/** Static port reading always; the live run (from a copy of all the student's files) only when `run` options are given and the spec names a port. */
export async function checkPort(
  code: CodeFile[],
  files: SubmittedFile[],
  spec: Pick<AssignmentSpec, 'port' | 'code'>,
  run: Omit<ServerRunOptions, 'port'> | null,
): Promise<PortCheck> {
  const entryFile = pickEntry(code, spec.code.entry);
  const staticPorts = [...new Set(code.flatMap((f) => findBoundPorts(f.content)))].sort((a, b) => a - b);
  if (spec.port === undefined) return { staticPorts, fraction: 1, flags: [], notes: [] };
  const notes: string[] = [];
  let failed = false;
  if (staticPorts.length && !staticPorts.includes(spec.port)) {
    failed = true;
    notes.push(`code binds port ${staticPorts.join(', ')}, the assignment asks for ${spec.port}`);
  }
  if (!entryFile) {
    notes.push(spec.code.entry ? `no ${spec.code.entry} to run` : 'no file that opens a server socket');
    return { staticPorts, fraction: 0, flags: ['PORT'], notes };
  }
  if (!run) {
    return {
      staticPorts,
      entry: entryFile.rel,
      fraction: failed ? 0 : 1,
      flags: failed ? ['PORT'] : [],
      notes,
    };
  }
  const result = await runStudentServer(files, entryFile.rel, { ...run, port: spec.port });
  if (result.failure) notes.push(result.failure);
  for (const r of result.results.filter((x) => !x.ok)) notes.push(`check ${r.label} failed: ${r.detail}`);
  const passedAll = result.listened && !result.failure && result.fraction === 1;
  return {
    staticPorts,
    entry: entryFile.rel,
    run: result,
    fraction: result.failure && !result.listened ? 0 : result.fraction,
    flags: passedAll && !failed ? [] : ['PORT'],
    notes,
  };
}
