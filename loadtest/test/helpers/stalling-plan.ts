import type { Reply } from './test-servers.js';

/**
 * A server that stops answering for `stallMs` at the start of every `periodMs` from its first
 * request: what arrives in a stall is answered when the stall ends.
 */
export function stallingPlan(periodMs: number, stallMs: number): () => Reply {
  let start = 0;
  return () => {
    const now = Date.now();
    start ||= now;
    const into = (now - start) % periodMs;
    return into < stallMs ? { delayMs: stallMs - into } : 'ok';
  };
}
