/** Weeks 5 and 6: every subject through the same scenarios, one at a time, each server stopped after. */
import { type LoadOptionsInput, type LoadResult, type RunHooks, runLoad } from '@netlab/loadtest';
import { messageOf } from '@netlab/kit';
import { raceDeadline } from '../deadline.js';
import type { StressObserver } from './stress-observer.js';
import type { LabProgress } from '../progress.js';
import type { ScenarioName, StressProfile, StressRun } from '../results.js';
import { rampSeconds, subjectSeconds } from './profiles.js';
import type { SubjectSpec } from './subjects.js';

function loadOptions(p: StressProfile, scenario: ScenarioName, host: string, path: string): LoadOptionsInput {
  const common = { host, path, keepAlive: p.keepAlive, wait: [0, 0] as [number, number] };
  if (scenario === 'open') {
    const open = p.open!;
    return {
      ...common,
      arrivalRate: open.rate,
      users: open.connections,
      runTimeSec: open.durationSec,
      timeoutSec: open.timeoutSec,
    };
  }
  return scenario === 'ramp'
    ? {
        ...common,
        users: p.ramp.maxUsers,
        spawnRate: p.ramp.spawnRate,
        runTimeSec: rampSeconds(p),
        stopOnFailure: true,
        timeoutSec: p.ramp.timeoutSec,
      }
    : {
        ...common,
        users: p.fixed.users,
        // All users within a quarter second: the fixed scenario is about a steady load, not a ramp.
        spawnRate: p.fixed.users * 4,
        requests: p.fixed.requests,
        runTimeSec: p.fixed.maxSec,
        timeoutSec: p.fixed.timeoutSec,
      };
}

/**
 * The open scenario goes first, on a server no earlier run has left work for: a slow model (multiprocess) is still
 * serving the ramp's abandoned connections long after the client's timeout, which would make the common load
 * uneven.
 */
const scenariosOf = (p: StressProfile): ScenarioName[] =>
  p.open ? ['open', 'ramp', 'fixed'] : ['ramp', 'fixed'];

/** What makes a finished run's numbers not comparable, in words for the table. */
function runProblem(result: LoadResult, died: string | null): string | null {
  if (died !== null) return `server crashed mid-run (${died}); numbers cover the run up to then`;
  if (result.requests === 0) {
    return `no request completed in ${result.durationSec.toFixed(1)} s: every response took longer than the run`;
  }
  return null;
}

/** Failures a server's own output may explain: it hung up, reset or garbled instead of answering. */
const SERVER_SIDE = ['closed', 'reset', 'malformed'] as const;

/** Starts the note that quotes a student server's last output lines (the lab's exit message quotes it again). */
export const SERVER_OUTPUT_NOTE = "학생 서버의 마지막 출력(your server's last lines): ";

/**
 * A student's server that died or dropped connections usually printed why (a traceback, a FileNotFoundError from
 * the wrong folder): its last lines, for the report's notes. Null when there is nothing to explain.
 */
function serverSaid(origin: string, result: LoadResult, died: string | null, output: string): string | null {
  if (origin !== 'student' || !output) return null;
  const dropped = SERVER_SIDE.reduce((n, kind) => n + result.failuresByKind[kind], 0);
  if (died === null && dropped === 0) return null;
  return `${SERVER_OUTPUT_NOTE}${output}`;
}

/**
 * A watchdog so one stuck run cannot stall the lab: past its planned time (plus the request timeout and a margin)
 * the run is aborted and returns what it measured; if even that does not return, the run is recorded as failed.
 */
async function guardedLoad(options: LoadOptionsInput, hooks: RunHooks): Promise<LoadResult> {
  const planned = (options.runTimeSec ?? 60) + (options.timeoutSec ?? 10) + 15;
  const abort = new AbortController();
  const run = runLoad(options, { ...hooks, signal: abort.signal });
  const first = await raceDeadline(run, planned * 1000);
  if (first !== 'timeout') return first;
  abort.abort('interrupt');
  const second = await raceDeadline(run, 10_000);
  if (second === 'timeout') throw new Error(`the load run did not stop ${planned + 10} s after it started`);
  return second;
}

export async function runStress(
  specs: SubjectSpec[],
  profile: StressProfile,
  progress: LabProgress,
  notes: string[],
  observer?: StressObserver,
): Promise<StressRun[]> {
  const runs: StressRun[] = [];
  observer?.planned(specs.map((s) => s.subject.name));
  for (const [i, spec] of specs.entries()) {
    const tag = `${i + 1}/${specs.length} ${spec.subject.name}`;
    progress.step(`${tag}: starting server`);
    let server: Awaited<ReturnType<SubjectSpec['bringUp']>>;
    try {
      server = await spec.bringUp();
    } catch (error) {
      progress.step(`${tag}: FAILED to start — ${messageOf(error)}`);
      progress.adjust(-subjectSeconds(profile));
      for (const scenario of scenariosOf(profile))
        runs.push({ subject: spec.subject, scenario, error: messageOf(error), result: null });
      observer?.subjectFinished(spec.subject.name, runs, messageOf(error));
      continue;
    }
    const url = `http://${server.host}:${server.port}`;
    const subject = { ...spec.subject, url: spec.subject.url ?? url };
    try {
      for (const scenario of scenariosOf(profile)) {
        const before = server.exit();
        if (before !== null) {
          runs.push({
            subject,
            scenario,
            error: `server stopped before the ${scenario} run (${before})`,
            result: null,
          });
          continue;
        }
        progress.step(`${tag}: ${scenario} scenario`);
        observer?.scenarioStarted(subject.name, scenario);
        try {
          const result = await guardedLoad(loadOptions(profile, scenario, url, spec.path), {
            live: observer !== undefined,
            onProgress: (p) => {
              progress.load(`${tag} · ${scenario}`, p);
              observer?.progress(p);
            },
          });
          const died = server.exit();
          runs.push({ subject, scenario, error: runProblem(result, died), result });
          const said = serverSaid(spec.subject.origin, result, died, server.output());
          if (said && !notes.includes(said)) {
            notes.push(said);
            progress.step(said);
          }
          const r = result;
          progress.step(
            `${tag}: ${scenario} done — ${r.requests} requests, ${r.failures} failures, ${Math.round(r.rps)} req/s, mean ${r.responseTime.avg.toFixed(1)} ms${r.firstFailure ? `, first failing request sent at ${r.firstFailure.sentSecond.toFixed(1)} s with ${r.firstFailure.users} users` : ''}`,
          );
        } catch (error) {
          runs.push({ subject, scenario, error: messageOf(error), result: null });
          progress.step(`${tag}: ${scenario} FAILED — ${messageOf(error)}`);
        }
      }
    } finally {
      const note = await server.stop();
      if (note) {
        notes.push(note);
        progress.step(note);
      }
      observer?.subjectFinished(subject.name, runs, null);
    }
  }
  return runs;
}
