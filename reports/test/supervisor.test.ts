import { spawnSync } from 'node:child_process';
import type { Server } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { LabError } from '../src/errors.js';
import { tcpConnectTime } from '../src/net/tcp-probe.js';
import { pendingCleanups } from '../src/process/cleanup.js';
import { echoServerCommand, studentServerCommand } from '../src/process/reference-servers.js';
import { startServer } from '../src/process/supervisor.js';
import { freePort, occupiedPort } from './ports.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listening: Server[] = [];
afterAll(async () => {
  await Promise.all(listening.map((s) => new Promise((r) => s.close(r))));
});

describe('server supervisor', () => {
  it('starts a reference server, sees its ready line, and stops it with nothing left', async () => {
    const server = await startServer(echoServerCommand());
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    await tcpConnectTime(server.host, server.port);
    const { forced } = await server.stop();
    expect(forced).toBe(false);
    expect(server.exit()).toMatch(/exited with code 0|killed by SIGTERM/);
    expect(alive(server.pid)).toBe(false);
    expect(pendingCleanups()).toBe(0);
  });

  it('SIGKILLs a server that ignores SIGTERM, whole process group included', async () => {
    const port = await freePort();
    const script = `process.on('SIGTERM', () => {}); require('net').createServer().listen(${port}, '127.0.0.1');`;
    const server = await startServer({
      ...studentServerCommand(`exec node -e "${script}"`, port),
      label: 'stubborn',
    });
    const { forced } = await server.stop(500);
    expect(forced).toBe(true);
    expect(alive(server.pid)).toBe(false);
    await expect(tcpConnectTime('127.0.0.1', port, 1000)).rejects.toThrow();
  });

  it('explains a server that exits before it is ready, with its output', async () => {
    const port = await freePort();
    const error = await startServer(studentServerCommand("echo 'Traceback: boom' >&2; exit 3", port)).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(LabError);
    expect(error.code).toBe('LAB_SERVER_START');
    expect(error.message).toContain('exited with code 3 before it was ready');
    expect(error.message).toContain('Traceback: boom');
    expect(pendingCleanups()).toBe(0);
  });

  it('refuses a port someone else already holds', async () => {
    const { port, server: holder } = await occupiedPort();
    listening.push(holder);
    const error = await startServer(studentServerCommand('sleep 30', port)).catch((e) => e);
    expect(error).toBeInstanceOf(LabError);
    expect(error.code).toBe('LAB_PORT_IN_USE');
    expect(error.message).toContain(`port ${port} is already in use`);
  });

  it('gives up on a server that never listens, and kills it', async () => {
    const port = await freePort();
    const error = await startServer({
      ...studentServerCommand('sleep 60', port),
      readyTimeoutMs: 1500,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(LabError);
    expect(error.message).toMatch(/never became ready within 2 s/);
    expect(pendingCleanups()).toBe(0);
  });

  it('kills its servers when the lab crashes (exit handlers)', async () => {
    const script = `
      import { installExitHandlers } from './src/process/cleanup.ts';
      import { echoServerCommand } from './src/process/reference-servers.ts';
      import { startServer } from './src/process/supervisor.ts';
      installExitHandlers();
      const server = await startServer(echoServerCommand());
      console.log(server.pid);
      setTimeout(() => { throw new Error('simulated crash'); }, 10);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url).pathname,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('simulated crash');
    const pid = Number(run.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    // SIGKILL is sent before the crash exits; the orphan is reaped by init a moment later.
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
  });
});
