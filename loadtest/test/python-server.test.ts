import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { runLoad } from '../src/index.js';

let child: ChildProcessWithoutNullStreams | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

/** Starts the Python fixture server; resolves with its port and a way to read its final count. */
function startPython(): Promise<{ port: number; answered: () => Promise<number> }> {
  const proc = spawn('python3', ['-u', join(import.meta.dirname, 'fixtures/student_server.py')]);
  child = proc;
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    const poll = setInterval(() => {
      const port = /port (\d+)/.exec(out)?.[1];
      if (!port) return;
      clearInterval(poll);
      resolve({
        port: Number(port),
        answered: () =>
          new Promise((done) => {
            proc.on('close', () => done(Number(/answered (\d+)/.exec(out)?.[1] ?? -1)));
            proc.kill('SIGTERM');
          }),
      });
    }, 20);
  });
}

describe('a real Python server as students write it (\\n line ends, no Content-Length, close)', () => {
  it('is measured without failures, and the counts agree with the server', async () => {
    const server = await startPython();
    const result = await runLoad({
      host: `http://127.0.0.1:${server.port}`,
      users: 4,
      spawnRate: 100,
      requests: 300,
    });
    expect(result.engine).toBe('lenient');
    expect(result.failures).toBe(0);
    expect(result.requests).toBe(300);
    expect(result.avgSize).toBeGreaterThan(50); // the echoed request
    expect(await server.answered()).toBe(300);
  });
});
