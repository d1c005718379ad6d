import type { ConcurrencySpec } from '@netlab/assignments';
import type { Prober } from '../isolation/probes.js';
import type { ConcurrencyProbe, StalledCheck } from './concurrency-probe.js';
import type { ProbeResult } from './http-probe.js';
import { type OrdinaryChecks, runOrdinaryChecks } from './ordinary-checks.js';

/** The spec's probes of one server, in the order they run. */
export interface ProbePlan extends OrdinaryChecks {
  concurrency?: ConcurrencySpec;
}

export interface ConcurrencyOutcome {
  spec: ConcurrencySpec;
  probe?: ConcurrencyProbe;
  /** The first check that waited past the timeout: the server blocks. */
  blocked?: StalledCheck;
  /** Why it did not run. */
  skipped?: string;
}

export interface Probed {
  results: ProbeResult[];
  concurrency?: ConcurrencyOutcome;
}

/** Why a probe after the ordinary checks did not run (and scores 0). */
export const SILENT = 'not run: the server answered no check on its own';

/**
 * The ordinary checks alone (under one time budget, deciding PORT), then the concurrency probe: the HTTP checks the
 * server answered alone, run again while clients are held.
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
  return out;
}
