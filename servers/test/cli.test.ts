import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MODELS } from '../src/index.js';
import { get } from './helpers/raw-http.js';
import { descendants, isRunning, runServe, type Served, startServe } from './helpers/spawn-serve.js';

const running: Served[] = [];
/** Remembers a started server so a failed test cannot leave it behind. */
const track = (served: Served): Served => {
  running.push(served);
  return served;
};
afterEach(() => {
  for (const served of running.splice(0)) if (served.child.exitCode === null) served.child.kill('SIGKILL');
});

describe.each(MODELS)('netlab-serve http --model %s', (model) => {
  it('prints the ready line, serves, and on SIGTERM exits 0 leaving no process behind', async () => {
    const served = track(await startServe(['http', '--model', model, '--port', '0', '--workers', '2']));
    expect(served.stdout()).toMatch(/^listening on 127\.0\.0\.1:\d+\n$/);
    expect((await get(served.port, '/')).status).toBe(200);
    const family = descendants(served.child.pid!);
    if (model === 'prefork') expect(family.length).toBeGreaterThanOrEqual(2);
    served.child.kill('SIGTERM');
    expect(await served.exited).toEqual({ code: 0, signal: null });
    expect(family.filter(isRunning)).toEqual([]);
  });

  it('keeps running out of file descriptors, then serves again', async () => {
    // A short idle timeout is also the most a connection waits for a slot: the departed hogs expire quickly.
    const served = track(
      await startServe(
        ['http', '--model', model, '--port', '0', '--workers', '2', '--idle-timeout', '2000'],
        'ulimit -n 160',
      ),
    );
    // More clients than descriptors: libuv sheds what it cannot accept, so some hog is closed by the server.
    const hogs: net.Socket[] = [];
    const shed = new Promise<void>((resolve) => {
      for (let i = 0; i < 250; i++) {
        const socket = net.connect({ port: served.port, host: '127.0.0.1' });
        socket.on('error', () => {});
        socket.on('close', () => resolve());
        hogs.push(socket);
      }
    });
    await shed;
    for (const socket of hogs) socket.destroy();
    // Queued connections of the departed hogs are worked off first; retry until the server is ours again.
    let status = 0;
    const deadline = Date.now() + 60_000;
    while (status !== 200 && Date.now() < deadline) {
      status = (await get(served.port, '/').catch(() => ({ status: 0 }))).status;
    }
    // The server's stderr comes along so a failure shows what it said.
    expect({ status, stderr: served.stderr() }).toMatchObject({ status: 200 });
    expect(served.child.exitCode).toBeNull();
    served.child.kill('SIGTERM');
    expect((await served.exited).code).toBe(0);
  }, 120_000);
});

describe('netlab-serve command line', () => {
  let blocker: net.Server;
  let busyPort: number;

  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    busyPort = (blocker.address() as net.AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('honours --keep-alive', async () => {
    const served = track(await startServe(['http', '--model', 'select', '--port', '0', '--keep-alive']));
    const talk = await get(served.port, '/', 'Connection: close\r\n');
    expect(talk.headers.get('connection')).toBe('close');
    served.child.kill('SIGINT');
    expect((await served.exited).code).toBe(0);
  });

  it('reports a port in use in one line and exits 3 (the environment cannot do it)', async () => {
    const result = await runServe(['http', '--model', 'select', '--port', String(busyPort)]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^SERVER_PORT_IN_USE: port ${busyPort} .*already in use`));
    expect(result.stdout).toBe('');
  });

  it.each([
    [['http', '--model', 'fork-bomb', '--port', '0'], /--model/],
    [['http', '--model', 'select', '--port', 'eighty'], /--port/],
    [['http', '--model', 'select', '--port', '0', '--bogus'], /bogus/],
    [['http', '--model', 'select', '--port', '0', '--root', '/no/such/dir'], /--root/],
    [['http', '--model', 'select', '--port', '0', '--idle-timeout', '-5'], /--idle-timeout/],
    [['echo', '--port', '0', '--code', 'x'], /code/],
    [['teleport', '--port', '0'], /unknown command/],
    [[], /missing command/],
  ])('rejects %j in one line with exit 2', async (args, pattern) => {
    const result = await runServe(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^SERVER_[A-Z_]+: /);
    expect(result.stderr).toMatch(pattern);
  });

  it('prints usage for --help and exits 0', async () => {
    const result = await runServe(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--model <single|multiprocess|prefork|multithread|threadpool|select>');
  });
});
