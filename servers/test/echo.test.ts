import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEchoServer, echoOnce, type EchoServer } from '../src/index.js';
import { runServe, startServe } from './helpers/spawn-serve.js';

describe('echo server', () => {
  let server: EchoServer;
  let port: number;

  beforeAll(async () => {
    server = createEchoServer(() => {});
    port = (await server.listen(0, '127.0.0.1')).port;
  });

  afterAll(() => server.close());

  it('sends back exactly what it got, Hangul included', async () => {
    expect(await echoOnce('127.0.0.1', port, 'hello 안녕하세요\n')).toBe('hello 안녕하세요\n');
  });

  it('echoes a megabyte written in pieces', async () => {
    const payload = Buffer.alloc(1024 * 1024, 'abcdefghij');
    const echoed = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = net.connect({ port, host: '127.0.0.1' }, () => {
        for (let i = 0; i < payload.length; i += 4096) socket.write(payload.subarray(i, i + 4096));
        socket.end();
      });
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(Buffer.concat(chunks)));
    });
    expect(echoed.equals(payload)).toBe(true);
  });

  it('serves many clients at once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => echoOnce('127.0.0.1', port, `client ${i}`)),
    );
    expect(replies).toEqual(Array.from({ length: 50 }, (_, i) => `client ${i}`));
  });
});

describe('echo from the command line', () => {
  it('echo-client prints what the echo server sent back; the server exits 0 on SIGTERM', async () => {
    const served = await startServe(['echo', '--port', '0']);
    const result = await runServe(['echo-client', '--port', String(served.port), '네트워크 lab']);
    expect(result).toMatchObject({ code: 0, stdout: '네트워크 lab' });
    served.child.kill('SIGTERM');
    expect((await served.exited).code).toBe(0);
  });

  it('echo-client explains a refused connection in one line and exits 3', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const result = await runServe(['echo-client', '--port', String(port), 'hi']);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^SERVER_CLIENT_FAILED: .*ECONNREFUSED/);
  });
});
