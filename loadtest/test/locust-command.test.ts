import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { exitCodeFor, findLocust, main } from '../src/index.js';
import { memoryIo } from './helpers/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'netlab-locust-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the locust and export-locust commands', () => {
  it('--export-locust FILE (the flag form) writes a locustfile carrying host, timeout, keep-alive, redirects and think time', async () => {
    const file = join(dir, 'locustfile.py');
    const io = memoryIo();
    const flags = ['--host', 'http://10.0.0.5:8080', '-u', '20', '-r', '5', '-t', '1m', '--timeout', '3s'];
    expect(
      await main([...flags, '--no-keep-alive', '--no-follow', '--wait', '1,2', '--export-locust', file], io),
    ).toBe(0);
    const py = readFileSync(file, 'utf8');
    expect(py).toContain(
      '#   locust -f locustfile.py --headless -u 20 -r 5 -t 60s --host http://10.0.0.5:8080',
    );
    expect(py).toContain('    host = "http://10.0.0.5:8080"');
    expect(py).toContain('    wait_time = between(1, 2)');
    expect(py).toContain(
      'self.client.request("GET", "/", headers={"Connection":"close"}, timeout=3, allow_redirects=False)',
    );
    expect(py).toContain('locust.runners.__version__ = "2.12.1"');
    expect(io.text.out).toBe('');
  });

  it.each([
    [['-n', '100'], /-n\/--requests \(it stops by time: use -t\)/],
    [['--arrival-rate', '50', '-t', '5s'], /--arrival-rate\/--ramp-to/],
    [['--stop-on-failure', '--workers', '2'], /--stop-on-failure .*; --workers/],
  ])('what Locust cannot express is refused in one line, exit 2: %j', async (flags, message) => {
    for (const command of [['locust'], ['export-locust']]) {
      const io = memoryIo();
      expect(await main([...command, '--host', 'http://127.0.0.1:1', ...flags], io)).toBe(2);
      expect(io.text.err).toMatch(/^LOADTEST_LOCUST_INEXPRESSIBLE: Locust 2.12 cannot express .*\n$/);
      expect(io.text.err).toMatch(message);
    }
  });

  it('without Locust on PATH: exit 3, one line saying how to install it', () => {
    let error: unknown;
    try {
      findLocust(join(dir, 'empty'));
    } catch (e) {
      error = e;
    }
    expect(exitCodeFor(error)).toBe(3);
    expect((error as Error).message).toMatch(/apt-get install python3-locust .* pip install locust/);
  });

  it('unknown flags and missing values are the kit one-line form, exit 2', async () => {
    const unknown = memoryIo();
    expect(await main(['locust', '--host', 'http://127.0.0.1:1', '--master-host', 'x'], unknown)).toBe(2);
    expect(unknown.text.err).toBe('LOADTEST_OPTIONS_INVALID: unknown flag --master-host (see --help)\n');
    const missing = memoryIo();
    expect(await main(['--host'], missing)).toBe(2);
    expect(missing.text.err).toBe('LOADTEST_OPTIONS_INVALID: --host needs a value (see --help)\n');
  });
});
