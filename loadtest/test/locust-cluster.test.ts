import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { LoadResult, main } from '../src/index.js';
import { memoryIo } from './helpers/memory-io.js';
import { makePcs } from './helpers/two-pcs.js';

const dir = mkdtempSync(join(tmpdir(), 'netlab-locust-cluster-'));
const network = makePcs(2);
const workers: ChildProcess[] = [];
let served = 0;
const server = http.createServer((_req, res) => {
  served++;
  res.end('hello\n');
});
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  network.remove();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('pnpm loadtest locust: Locust master here, workers on other PCs', () => {
  it("runs real Locust with two workers in two namespaces, and the imported requests are the server's count", async () => {
    const [a, b] = network.pcs;
    const hostAddress = a!.hostAddress;
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const { port } = server.address() as AddressInfo;
    const json = join(dir, 'cluster.json');
    let started = false;
    const io = memoryIo({
      // The master prints the line to run on each other PC; run it there, as a user would.
      err: (text) => {
        io.text.err += text;
        const match = /with a copy of (\S+):\n\s+(locust --worker .+)\n/.exec(io.text.err);
        if (!match || started) return;
        started = true;
        const argv = match[2]!.split(' ').map((arg) => (arg === 'locustfile.py' ? match[1]! : arg));
        for (const pc of [a!, b!]) {
          workers.push(spawn('ip', ['netns', 'exec', pc.namespace, ...argv], { stdio: 'ignore' }));
        }
      },
    });
    const code = await main(
      [
        'locust',
        '--host',
        `http://${hostAddress}:${port}`,
        '--expect-workers',
        '2',
        '--master-bind-host',
        hostAddress,
        '-u',
        '10',
        '-r',
        '10',
        '-t',
        '6s',
        '--wait',
        '0.01,0.02',
        '--json',
        json,
        '--export-locust',
        join(dir, 'kept.py'),
      ],
      io,
    );
    expect(started).toBe(true);
    expect(io.text.err).toContain(`with a copy of ${join(dir, 'kept.py')}:`);
    expect(readFileSync(join(dir, 'kept.py'), 'utf8')).toContain(`host = "http://${hostAddress}:${port}"`);
    expect(code).toBe(0);
    const result = LoadResult.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(result.engine).toBe('locust master + 2 worker(s)');
    expect(result.failures).toBe(0);
    expect(result.requests).toBeGreaterThan(100);
    expect(Math.abs(result.requests - served)).toBeLessThanOrEqual(Math.ceil(served * 0.01));
    expect(io.text.out).toMatch(/Aggregated/);
  }, 180_000);

  it('--local-workers 2 starts both workers on this machine; a missed threshold is still exit 99', async () => {
    const { port } = server.address() as AddressInfo;
    served = 0;
    const json = join(dir, 'local.json');
    const io = memoryIo();
    const args = [
      'locust',
      '--local-workers',
      '2',
      '--host',
      `http://127.0.0.1:${port}`,
      '-u',
      '6',
      '-r',
      '6',
    ];
    const code = await main([...args, '-t', '4s', '--quiet', '--json', json, '--threshold', 'max<0ms'], io);
    expect(code).toBe(99);
    const result = LoadResult.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(result.thresholds).toEqual([{ expr: 'max<0ms', value: expect.any(Number), passed: false }]);
    expect(result.thresholds![0]!.value).toBeCloseTo(result.responseTime.max, 2);
    expect(Math.abs(result.requests - served)).toBeLessThanOrEqual(Math.ceil(served * 0.01));
    expect(io.text.err).not.toMatch(/other PCs/);
  }, 180_000);
});
