import type { ConcurrencySpec, LoadSpec } from '@netlab/assignments';
import type { Prober } from '../probes/prober.js';
import type { ConcurrencyProbe, StalledCheck } from '../probes/concurrency-probe.js';
import type { ProbeResult } from '../probes/http-probe.js';
import type { LoadMeasure } from '../probes/load-probe.js';
import { judgeLoad, type ThresholdResult } from './load-thresholds.js';
import { type OrdinaryChecks, runOrdinaryChecks } from './ordinary-checks.js';

/** The spec's probes of one server, in the order they run. */
export interface ProbePlan extends OrdinaryChecks {
  concurrency?: ConcurrencySpec;
  load?: LoadSpec;
  /** Runs a load probe when no other student's is running: load figures are only comparable with the cores to itself. */
  loadSlot?: <T>(run: () => Promise<T>) => Promise<T>;
}

export interface ConcurrencyOutcome {
  spec: ConcurrencySpec;
  probe?: ConcurrencyProbe;
  /** The first check that waited past the timeout: the server blocks. */
  blocked?: StalledCheck;
  /** Why it did not run. */
  skipped?: string;
}

export interface LoadOutcome {
  spec: LoadSpec;
  measure?: LoadMeasure;
  thresholds: ThresholdResult[];
  skipped?: string;
}

export interface Probed {
  results: ProbeResult[];
  concurrency?: ConcurrencyOutcome;
  load?: LoadOutcome;
}

/** Why a probe after the ordinary checks did not run (and scores 0). */
export const SILENT = 'not run: the server answered no check on its own';

/**
 * The ordinary checks alone (under one time budget, deciding PORT), then the concurrency probe: the HTTP checks the
 * server answered alone, run again while clients are held; then the load probe against the path of the first check
 * expecting 200 (or the spec's `load.path`).
 */
export async function probeServer(prober: Prober, plan: ProbePlan): Promise<Probed> {
  const results = await runOrdinaryChecks(prober, plan);
  const answered = plan.checks.filter((_, i) => results[i]?.answered);
  const out: Probed = { results };
  if (plan.concurrency) {
    const spec = plan.concurrency;
    if (!answered.length) out.concurrency = { spec, skipped: SILENT };
    else {
      const probe = await prober.concurrency(plan.port, answered, spec);
      const blocked = probe.results.find((r) => !r.completed);
      out.concurrency = { spec, probe, ...(blocked ? { blocked } : {}) };
    }
  }
  if (plan.load) {
    const spec = plan.load;
    if (!answered.length)
      out.load = { spec, thresholds: judgeLoad(NOTHING, spec.thresholds), skipped: SILENT };
    else {
      const path = spec.path ?? plan.checks.find((c) => c.status === 200 && !c.raw)?.path ?? '/';
      const run = () => prober.load(plan.port, { ...spec, path });
      const measure = await (plan.loadSlot ? plan.loadSlot(run) : run());
      out.load = { spec, measure, thresholds: judgeLoad(measure, spec.thresholds) };
    }
  }
  return out;
}

/** A run with no response: it meets no threshold. */
const NOTHING: LoadMeasure = {
  users: 0,
  durationSec: 0,
  requests: 0,
  failures: 0,
  failuresByKind: {},
  okRps: 0,
  p50Ms: 0,
  p95Ms: 0,
  p99Ms: 0,
  generatorNote: null,
};
