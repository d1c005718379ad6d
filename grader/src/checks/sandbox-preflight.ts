import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SANDBOX_LIMITS } from '../isolation/sandbox.js';
import { runStudentServer } from './server-run.js';
import { GraderError } from '../errors.js';
import { SANDBOX_ETC } from '../isolation/bwrap-args.js';
import { freePort } from '@netlab/kit';
import type { Isolation } from '../isolation/isolation.js';

/** A server that cannot fail: if it does not pass through the sandbox, the fault is the grader's, not a student's. */
const knownGood = (port: number) => `import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', ${port}))
s.listen(5)
while True:
    c, _ = s.accept()
    c.recv(4096)
    c.sendall(b'HTTP/1.0 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok')
    c.close()
`;

/** python3 under /usr: the sandbox sees /usr and nothing else of the host (a pyenv shim in /root is not there). */
const USR_PYTHONS = ['/usr/bin/python3', '/usr/local/bin/python3'];

/** Why bubblewrap cannot be used here, with the fix, or null. */
function whyNoBwrap(): string | null {
  if (process.getuid?.() !== 0)
    return 'the grader is not running as root, which the sandbox needs here (fix: run it as root, e.g. sudo)';
  if (spawnSync('bwrap', ['--version']).status !== 0)
    return 'bubblewrap is not installed (fix: apt-get install bubblewrap)';
  if (!USR_PYTHONS.some(isExecutable)) return 'no python3 under /usr (fix: apt-get install python3)';
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Before the first student: runs a known-good server through the sandbox exactly as a student's would run. On
 * success every student gets the sandbox; otherwise the grader falls back to today's unsandboxed, one-at-a-time mode
 * and says why, and if even that cannot run the known-good server it stops (GRADER_SANDBOX_FAILED, exit 3).
 */
export async function prepareIsolation(workDir: string, port: number, sandbox = true): Promise<Isolation> {
  return proveIsolation(workDir, port, await sandboxCandidate(workDir, sandbox));
}

/** The sandbox this host can give (root, bubblewrap, python3 under /usr), set up but not yet proved; else why not. */
export async function sandboxCandidate(workDir: string, sandbox = true): Promise<Isolation | string> {
  const problem = sandbox ? whyNoBwrap() : 'the sandbox was turned off';
  if (problem) return problem;
  const etcDir = path.join(workDir, 'etc');
  await mkdir(etcDir, { recursive: true });
  for (const [name, text] of Object.entries(SANDBOX_ETC)) await writeFile(path.join(etcDir, name), text);
  const python = USR_PYTHONS.find(isExecutable) ?? 'python3';
  return { kind: 'bwrap', python, workDir, etcDir };
}

/** The candidate sandbox if the known-good server passes through it, else the unsandboxed fallback (see above). */
export async function proveIsolation(
  workDir: string,
  port: number,
  candidate: Isolation | string,
): Promise<Isolation> {
  let problem = typeof candidate === 'string' ? candidate : null;
  if (typeof candidate !== 'string') {
    const failure = await tryKnownGood(workDir, port, candidate);
    if (!failure) return candidate;
    problem = `the sandbox could not run a known-good server (${failure}) (fix: allow namespaces, e.g. run outside a container that forbids them, or as root)`;
  }
  const fallback: Isolation = {
    kind: 'none',
    python: 'python3',
    copiesDir: reachableTempDir(),
    warning: `student servers ran without a sandbox, one at a time: ${problem}`,
  };
  const failure = await tryKnownGood(workDir, await freePort(), fallback);
  if (failure) {
    throw new GraderError(
      'GRADER_SANDBOX_FAILED',
      `a known-good server could not run (${failure}); ${problem} (fix: install python3 and bubblewrap, run as root)`,
    );
  }
  return fallback;
}

async function tryKnownGood(workDir: string, port: number, isolation: Isolation): Promise<string | null> {
  const dir = await mkdtemp(path.join(workDir, 'preflight-'));
  const abs = path.join(dir, 'server.py');
  await writeFile(abs, knownGood(port));
  try {
    const run = await runStudentServer([{ rel: 'server.py', abs }], 'server.py', {
      port,
      checks: [{ method: 'GET', path: '/', status: 200, contentLength: true }],
      startTimeoutMs: 30_000,
      checkTimeoutMs: 10_000,
      limits: DEFAULT_SANDBOX_LIMITS,
      isolation,
    });
    if (run.fraction === 1 && !run.failure) return null;
    const why = run.failure ?? run.results.find((r) => !r.ok)?.detail ?? 'check failed';
    return [why, run.stderrTail.split('\n').pop()].filter(Boolean).join(': ');
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? 'failed';
  }
}

/**
 * Copies must be reachable by `nobody` without a sandbox: the temp dir if every folder above it lets others through
 * (a TMPDIR inside /root does not), else /tmp.
 */
function reachableTempDir(): string {
  for (let d = os.tmpdir(); ; d = path.dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return '/tmp';
    } catch {
      return '/tmp';
    }
    if (d === path.dirname(d)) return os.tmpdir();
  }
}
