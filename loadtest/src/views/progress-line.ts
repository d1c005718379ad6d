import type { Progress } from '../progress.js';

/** One status line for stderr, rewritten each second. */
export function progressLine(p: Progress): string {
  const total = p.totalSec === null ? '' : `/${p.totalSec.toFixed(0)}s`;
  return (
    `[${p.elapsedSec.toFixed(0)}s${total}] users ${p.users}  req/s ${p.rps}  ` +
    `requests ${p.requests}  failures ${p.failures}  p95 ${p.p95} ms`
  );
}
