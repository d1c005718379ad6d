import type { HttpCheck, TcpCheck } from '@netlab/assignments';
import { probeConcurrency } from './concurrency-probe.js';
import { runHttpCheck } from './http-probe.js';
import { probeLoad } from './load-probe.js';
import { isListening } from './listening.js';
import { runTcpCheck } from './tcp-probe.js';

/**
 * Everything the grader asks of a student's server. In the sandboxed mode these run in a probe agent that lives in
 * the student's network namespace (the only place its 127.0.0.1 exists); without a sandbox they run right here.
 */
export const probes = {
  listening: (port: number) => isListening(port),
  http: (port: number, check: HttpCheck, timeoutMs: number) => runHttpCheck(port, check, timeoutMs),
  tcp: (port: number, check: TcpCheck, timeoutMs: number) => runTcpCheck(port, check, timeoutMs),
  concurrency: probeConcurrency,
  load: probeLoad,
};

export type Probes = typeof probes;
export type ProbeName = keyof Probes;

/** The probes, wherever they run; `close` ends the agent (nothing to end when local). */
export type Prober = Probes & { close(): Promise<void> };

export const localProber: Prober = { ...probes, close: async () => {} };

const gone = () => Promise.reject(new Error('the server is gone'));

/** For a server whose sandbox ended before a probe could enter it: nothing listens there, and nothing can be asked. */
export const goneProber: Prober = {
  listening: async () => false,
  http: gone,
  tcp: gone,
  concurrency: gone,
  load: gone,
  close: async () => {},
};
