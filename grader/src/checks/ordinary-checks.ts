import type { HttpCheck, TcpCheck } from '@netlab/assignments';
import type { Prober } from '../probes/prober.js';
import { checkLabel, type ProbeResult } from '../probes/http-probe.js';
import { tcpCheckLabel } from '../probes/tcp-probe.js';

export interface OrdinaryChecks {
  port: number;
  checks: HttpCheck[];
  tcpChecks?: TcpCheck[];
  /** Per check. */
  checkTimeoutMs: number;
  /** All of one server's checks together. */
  checksBudgetMs: number;
}

/**
 * The spec's HTTP checks, then its TCP checks, one at a time. Each waits at most what is left of the server's
 * budget, so a server that accepts and never answers costs one budget, not one timeout per check; once the budget
 * is spent the rest fail without being sent.
 */
export async function runOrdinaryChecks(prober: Prober, plan: OrdinaryChecks): Promise<ProbeResult[]> {
  const until = Date.now() + plan.checksBudgetMs;
  const budgeted =
    <C>(run: (check: C, timeoutMs: number) => Promise<ProbeResult>, label: (c: C) => string) =>
    async (check: C): Promise<ProbeResult> => {
      const left = until - Date.now();
      if (left <= 0) {
        const detail = `not run: this server's checks used up their ${plan.checksBudgetMs / 1000} s budget`;
        return { label: label(check), ok: false, answered: false, detail };
      }
      return run(check, Math.min(plan.checkTimeoutMs, left));
    };
  const http = budgeted<HttpCheck>((c, t) => prober.http(plan.port, c, t), checkLabel);
  const tcp = budgeted<TcpCheck>((c, t) => prober.tcp(plan.port, c, t), tcpCheckLabel);
  const results: ProbeResult[] = [];
  for (const check of plan.checks) results.push(await http(check));
  for (const check of plan.tcpChecks ?? []) results.push(await tcp(check));
  return results;
}
