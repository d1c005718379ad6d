/** One lab week end to end: network set-up, pre-flight, the week's measurements, every output, teardown. */
import { isLoopback, writableDir } from '@netlab/kit';
import { cpus, arch, platform, release } from 'node:os';
import { createNetns, type Netns } from '../process/netns.js';
import { preflight } from '../net/preflight.js';
import type { Preflight } from '../preflight-schema.js';
import { type Outputs, outputError, writeOutputs } from '../write-outputs.js';
import { LabProgress, type ProgressSink } from '../progress.js';
import type { StressObserver } from './stress-observer.js';
import type { LabResults } from '../results.js';
import type { LabOptions } from './options.js';
import { subjectSeconds, stressProfile } from './profiles.js';
import { runStress } from './stress.js';
import { httpSubjects } from './subjects.js';
import { runWeek2 } from './week2.js';
import { runWeek3 } from './week3.js';

export interface RunLabOptions {
  /** Where progress goes (stderr by default). */
  sink?: ProgressSink;
  /** The command line to show in the report's run capture. */
  command?: string;
  /** Hears weeks 5 and 6 as they run (the live web view). */
  observer?: StressObserver;
}

function targetHostPort(options: LabOptions, netns: Netns | null): { host: string; port: number | null } {
  if (options.target) {
    const u = new URL(options.target);
    return { host: u.hostname, port: Number(u.port || 80) };
  }
  return { host: netns ? netns.nsAddress : '127.0.0.1', port: null };
}

function plannedSeconds(options: LabOptions): number {
  const subjects = options.models.length + (options.server ? 1 : 0) + (options.target ? 1 : 0);
  if (options.week === 5 || options.week === 6)
    return subjects * subjectSeconds(stressProfile(options.quick));
  return subjects * 3 + (options.week === 2 ? 4 : 0);
}

export async function runLab(
  options: LabOptions,
  run: RunLabOptions = {},
): Promise<{ results: LabResults; outputs: Outputs }> {
  const progress = new LabProgress(`week${options.week}`, plannedSeconds(options), run.sink);
  // Before any server starts: a bad --out fails now, not after the run.
  await writableDir(options.out).catch((error: unknown) => {
    throw outputError(options.out, error);
  });
  const netns = options.netns ? createNetns(options.netns) : null;
  try {
    const network = netns ? [...netns.applied, ...netns.notApplied.map((n) => `not applied: ${n}`)] : [];
    for (const n of netns?.notApplied ?? []) progress.step(`netns: ${n}`);
    const where = targetHostPort(options, netns);
    const pre: Preflight = await preflight(where.host, where.port);
    progress.step(
      `pre-flight ${pre.host}: ${pre.rttMs === null ? 'no answer' : `${pre.rttMs.toFixed(3)} ms`} (${pre.note})`,
    );

    const profile = options.week === 5 || options.week === 6 ? stressProfile(options.quick) : null;
    const notes = [...(netns?.notApplied ?? [])];
    const results: LabResults = {
      week: options.week,
      generatedAt: new Date().toISOString(),
      student: options.student,
      environment: {
        node: process.version,
        os: `${platform()} ${release()} ${arch()}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        path: options.target ? 'remote' : netns ? 'netns' : 'loopback',
        network,
        preflight: pre,
      },
      profile,
      stress: profile
        ? await runStress(httpSubjects(options, netns), profile, progress, notes, run.observer)
        : [],
      checks: options.week === 3 ? await runWeek3(options, netns, progress) : [],
      echo: [],
      attendance: [],
      notes,
    };
    if (options.week === 2) Object.assign(results, await runWeek2(options, netns, progress));
    if (options.target && isLoopback(new URL(options.target).hostname)) results.environment.path = 'loopback';

    progress.step('writing results, charts and the report');
    const outputs = await writeOutputs(results, options.out, {
      command: run.command ?? `pnpm lab:week${options.week}`,
    });
    progress.done(`done: ${outputs.pdf}`);
    return { results, outputs };
  } finally {
    netns?.teardown();
  }
}
