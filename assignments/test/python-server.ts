import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Start a template Python server with port 0 (every template takes the port as argv[1]) and wait for its
 * `listening on port N` line.
 */
export function startPythonServer(script: string, cwd: string): Promise<RunningServer> {
  const child = spawn('python3', ['-u', script, '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const stop = () => stopChild(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${script} did not start in 20 s: ${stderr}`)), 20_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(err));
    };
    child.on('exit', (code) => fail(new Error(`${script} exited with ${code}: ${stderr}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ port: Number(m[1]), stop });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * Send `payload`, half-close, and collect everything until the server closes (or 10 s pass). A reset counts as
 * the end: a server that closes with unread input resets, and the bytes that came before still matter.
 */
export function exchange(port: number, payload: string | Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(payload));
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no reply from port ${port} in 10 s`)));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}
