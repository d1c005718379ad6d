import net from 'node:net';
import { type ConcurrencySpec, type HttpCheck, runHttpCheck } from '@netlab/assignments';
import { checkLabel } from './http-probe.js';

/** One spec check run again while the stalled clients are held. */
export interface StalledCheck {
  label: string;
  /** It got a reply (right or wrong) within the spec's timeoutMs. */
  completed: boolean;
  /** How long it waited, in ms. */
  waitedMs: number;
  detail: string;
}

export interface ConcurrencyProbe {
  /** Stalled clients the server let connect. */
  stalled: number;
  /** In spec order; after the first check that waited past the timeout the rest are not run. */
  results: StalledCheck[];
}

/** What each held client sends: half a request line (then waits), or nothing at all. */
const HALF_REQUEST = 'GET /index.ht';

/** Time for the server to accept the held clients before the checks start (they must be in its hands, not queued). */
const SETTLE_MS = 300;

/**
 * Opens `stalledClients` connections and holds them, then runs `checks` again one by one; a server that serves one
 * client at a time is stuck in the first held client's recv and answers none of them.
 */
export async function probeConcurrency(
  port: number,
  checks: HttpCheck[],
  spec: ConcurrencySpec,
): Promise<ConcurrencyProbe> {
  const held = await Promise.all(
    Array.from({ length: spec.stalledClients }, (_, i) => holdClient(port, i % 2 === 0 ? HALF_REQUEST : '')),
  );
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const results: StalledCheck[] = [];
    for (const check of checks) {
      const started = performance.now();
      const run = await runHttpCheck('127.0.0.1', port, check, spec.timeoutMs);
      const waitedMs = Math.round(performance.now() - started);
      const completed = run.outcome !== 'no-reply';
      const detail = run.outcome === 'no-reply' ? run.message : `answered in ${waitedMs} ms`;
      results.push({ label: checkLabel(check), completed, waitedMs, detail });
      if (!completed) break;
    }
    return { stalled: held.filter(Boolean).length, results };
  } finally {
    for (const socket of held) socket?.destroy();
  }
}

/** A connected socket that sent `text` and will send nothing more, or null when the server refused it. */
function holdClient(port: number, text: string): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, 2000);
    socket.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      if (text) socket.write(text);
      resolve(socket);
    });
  });
}
