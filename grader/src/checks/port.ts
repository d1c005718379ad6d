import type { AssignmentSpec } from '@netlab/assignments';
import type { Flag } from '../flags.js';
import type { SubmittedFile } from '../submissions/discover.js';
import type { CodeFile } from './code.js';
import { formatValue } from './load-thresholds.js';
import { findBoundPorts } from './port-static.js';
import { runStudentServer, type ServerRun, type ServerRunOptions } from './server-run.js';

export interface EntryRun {
  /** The file run (its path in the submission), or the spec's name for it when it is missing. */
  entry: string;
  found: boolean;
  run?: ServerRun;
  /** Share of this server's checks passed. */
  fraction: number;
  /** 1 when it served while clients were held (or the spec has no concurrency block), else 0. */
  concurrencyFraction: number;
  /** Share of load thresholds met (1 without a load block). */
  loadFraction: number;
}

export interface PortCheck {
  /** Ports the code binds, by reading it. */
  staticPorts: number[];
  /** One per server the spec asks for (`code.entry`, then `code.extraEntries`), each run on its own. */
  runs: EntryRun[];
  /** Share of the server part earned: the mean over the servers. */
  fraction: number;
  /** Shares of the concurrency and load parts: means over the servers. */
  concurrencyFraction: number;
  loadFraction: number;
  flags: Flag[];
  notes: string[];
}

type PortSpec = Pick<AssignmentSpec, 'port'> & {
  code: Pick<AssignmentSpec['code'], 'entry' | 'extraEntries'>;
};

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

/**
 * Static port reading always; each server run live (from a copy of all the student's files, one after another)
 * only when `run` options are given and the spec names a port.
 */
export async function checkPort(
  code: CodeFile[],
  files: SubmittedFile[],
  spec: PortSpec,
  run: Omit<ServerRunOptions, 'port'> | null,
): Promise<PortCheck> {
  const staticPorts = [...new Set(code.flatMap((f) => findBoundPorts(f.content)))].sort((a, b) => a - b);
  if (spec.port === undefined)
    return {
      staticPorts,
      runs: [],
      fraction: 1,
      concurrencyFraction: 1,
      loadFraction: 1,
      flags: [],
      notes: [],
    };
  const notes: string[] = [];
  const wrongPort = staticPorts.length > 0 && !staticPorts.includes(spec.port);
  if (wrongPort)
    notes.push(`code binds port ${staticPorts.join(', ')}, the assignment asks for ${spec.port}`);
  const wanted = [spec.code.entry, ...(spec.code.extraEntries ?? [])];
  const runs: EntryRun[] = [];
  for (const name of wanted) {
    const file = pickEntry(code, name);
    const prefix = wanted.length > 1 ? `${file?.rel ?? name}: ` : '';
    if (!file) {
      notes.push(name ? `no ${name} to run` : 'no file that opens a server socket');
      runs.push({ entry: name ?? '?', found: false, fraction: 0, concurrencyFraction: 0, loadFraction: 0 });
    } else if (!run) {
      const share = wrongPort ? 0 : 1;
      runs.push({
        entry: file.rel,
        found: true,
        fraction: share,
        concurrencyFraction: share,
        loadFraction: share,
      });
    } else {
      const one = await runOne(files, file.rel, { ...run, port: spec.port });
      notes.push(...one.notes.map((n) => prefix + n));
      runs.push(one.entryRun);
    }
  }
  const mean = (share: (r: EntryRun) => number) =>
    runs.reduce((t, r) => t + share(r), 0) / Math.max(1, runs.length);
  const allPassed = runs.every((r) => r.found && r.fraction === 1 && !r.run?.failure);
  const flags: Flag[] = allPassed && !wrongPort ? [] : ['PORT'];
  if (runs.some((r) => r.run?.concurrency?.blocked)) flags.push('BLOCKING');
  if (runs.some((r) => r.run?.load?.thresholds.some((t) => !t.passed))) flags.push('LOAD');
  return {
    staticPorts,
    runs,
    fraction: mean((r) => r.fraction),
    concurrencyFraction: mean((r) => r.concurrencyFraction),
    loadFraction: mean((r) => r.loadFraction),
    flags,
    notes,
  };
}

async function runOne(files: SubmittedFile[], entry: string, options: ServerRunOptions) {
  let run: ServerRun;
  try {
    run = await runStudentServer(files, entry, options);
  } catch (error) {
    // e.g. a file the grader cannot copy: the run never happened, say why (no temp paths: notes stay deterministic).
    const e = error as NodeJS.ErrnoException;
    return {
      entryRun: { entry, found: true, fraction: 0, concurrencyFraction: 0, loadFraction: 0 },
      notes: [`server not run: ${e.code ?? e.message}`],
    };
  }
  const notes = run.failure ? [run.failure] : [];
  for (const r of run.results.filter((x) => !x.ok)) notes.push(`check ${r.label} failed: ${r.detail}`);
  notes.push(...concurrencyNotes(run), ...loadNotes(run));
  const listened = run.listened ? 1 : 0;
  const concurrencyFraction = !options.concurrency
    ? listened
    : run.concurrency?.probe && !run.concurrency.blocked
      ? 1
      : 0;
  const thresholds = run.load?.thresholds ?? [];
  const loadFraction = !options.load
    ? listened
    : thresholds.filter((t) => t.passed).length / Math.max(1, thresholds.length);
  return {
    entryRun: {
      entry,
      found: true,
      run,
      fraction: run.listened ? run.fraction : 0,
      concurrencyFraction,
      loadFraction,
    },
    notes,
  };
}

function concurrencyNotes({ concurrency: c }: ServerRun): string[] {
  if (!c) return [];
  if (c.skipped) return [`concurrency ${c.skipped}`];
  if (!c.blocked || !c.probe) return [];
  return [
    `BLOCKING: with ${c.probe.stalled} idle clients connected, check ${c.blocked.label} got no reply in ${c.blocked.waitedMs} ms (limit ${c.spec.timeoutMs} ms): the server serves one client at a time`,
  ];
}

function loadNotes({ load }: ServerRun): string[] {
  if (!load) return [];
  if (load.skipped) return [`LOAD: load ${load.skipped}`];
  const notes = load.thresholds
    .filter((t) => !t.passed)
    .map((t) => `LOAD: ${t.name} ${formatValue(t.name, t.value)}, expected ${t.expected}`);
  // The runner says when it, not the server, set the pace: a missed mark is then never charged silently.
  if (notes.length && load.measure?.generatorNote)
    notes.push(`the load generator may have been the bottleneck on this run: ${load.measure.generatorNote}`);
  return notes;
}
