import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dieWithParent, typescriptExecArgv } from '@netlab/kit';
import { type ProbeName, type Prober, probes } from '../probes/prober.js';

const AGENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'probe-agent.ts');

interface Reply {
  id?: number;
  ready?: boolean;
  value?: unknown;
  error?: string;
}

/**
 * Starts the probe agent in the network namespace of process `nsPid` and returns a Prober talking to it.
 * It ends with the grader even if the grader is killed outright (the kit's dieWithParent).
 */
export async function startAgent(nsPid: number, readyTimeoutMs = 30_000): Promise<Prober> {
  const child = spawn(
    ...dieWithParent('nsenter', [
      `--net=/proc/${nsPid}/ns/net`,
      '--',
      process.execPath,
      ...typescriptExecArgv(),
      AGENT,
    ]),
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-1000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not start in time'), readyTimeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`probe agent ${why}: ${stderr.trim().split('\n').pop() ?? ''}`.trim()));
    };
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code) => fail(`exited with code ${code}`));
    child.once('message', (m: Reply) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      if (m.ready) resolve();
      else fail('said something before it was ready');
    });
  });
  return remoteProber(child, () => stderr);
}

function remoteProber(child: ChildProcess, stderr: () => string): Prober {
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  let gone: Error | undefined;
  child.on('message', (m: Reply) => {
    const call = m.id === undefined ? undefined : waiting.get(m.id);
    if (!call || m.id === undefined) return;
    waiting.delete(m.id);
    if (m.error !== undefined) call.reject(new Error(m.error));
    else call.resolve(m.value);
  });
  child.on('exit', (code, signal) => {
    gone = new Error(`probe agent ended (${signal ?? code}): ${stderr().trim().split('\n').pop() ?? ''}`);
    for (const call of waiting.values()) call.reject(gone);
    waiting.clear();
  });
  const call =
    (op: ProbeName) =>
    (...args: unknown[]): Promise<unknown> => {
      if (gone) return Promise.reject(gone);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, op, args });
      });
    };
  const remote = Object.fromEntries(Object.keys(probes).map((op) => [op, call(op as ProbeName)]));
  return {
    ...(remote as typeof probes),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
