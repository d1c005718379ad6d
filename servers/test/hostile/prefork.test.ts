import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hostileSuite } from '../helpers/hostile-suite.js';
import { exchange, parseResponses } from '../helpers/raw-http.js';
import { descendants, type Served, startServe } from '../helpers/spawn-serve.js';

hostileSuite('prefork');

describe('prefork when workers die', () => {
  let served: Served;

  /** Waits until the primary has `count` workers and none of `gone` among them. */
  async function poolOf(count: number, gone: number[]): Promise<number[]> {
    for (;;) {
      const workers = descendants(served.child.pid!);
      if (workers.length === count && workers.every((pid) => !gone.includes(pid))) return workers;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until the primary has logged `count` replacements ready in all (the port is then held again). */
  async function replacementsReady(count: number): Promise<void> {
    while ((served.stderr().match(/replacement worker ready/g) ?? []).length < count) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const answers = async (): Promise<number | undefined> =>
    parseResponses(await exchange(served.port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))[0]
      ?.status;

  beforeAll(async () => {
    served = await startServe(['http', '--model', 'prefork', '--port', '0', '--workers', '2']);
  }, 60_000);

  afterAll(async () => {
    if (served.child.exitCode === null) {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });

  it('replaces a killed worker and keeps serving', async () => {
    const [victim] = await poolOf(2, []);
    process.kill(victim!, 'SIGKILL');
    await poolOf(2, [victim!]);
    await replacementsReady(1);
    expect(await answers()).toBe(200);
  }, 60_000);

  it('rebinds the port when every worker is killed at once, and the primary lives on', async () => {
    const workers = await poolOf(2, []);
    for (const pid of workers) process.kill(pid, 'SIGKILL');
    await poolOf(2, workers);
    await replacementsReady(3);
    expect(served.child.exitCode).toBeNull();
    expect(await answers()).toBe(200);
    expect(served.stderr()).toMatch(/starting a replacement/);
    expect(served.stderr()).toMatch(/replacement worker ready \(2 of 2 serving\)/);
  }, 60_000);
});
