import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '../src/errors.js';
import { parseLabArgs } from '../src/cli/lab-args.js';
import { runLab } from '../src/lab/run-lab.js';
import { createNetns, netnsSupport } from '../src/process/netns.js';
import { tcpConnectTime } from '../src/net/tcp-probe.js';
import { echoServerCommand } from '../src/process/reference-servers.js';
import { startServer } from '../src/process/supervisor.js';

const ip = (...args: string[]) => execFileSync('ip', args, { encoding: 'utf8' });
const support = netnsSupport();

describe('--netns', () => {
  if (!support.ok) {
    // Without root (or off Linux) the lab must say what it needs instead of failing obscurely.
    it('explains what is missing', () => {
      expect(() => createNetns()).toThrow(LabError);
      expect(support.reason).toMatch(/root|Linux|iproute2/);
    });
    return;
  }

  it('runs a server inside a namespace reached over a veth pair, then removes everything', async () => {
    const ns = createNetns({ rate: '1gbit', delay: '2ms' });
    try {
      expect(ip('netns', 'list')).toContain(ns.name);
      expect(ip('-o', 'addr', 'show', 'dev', ns.hostIf)).toContain(ns.hostAddress);
      // tbf works on this kernel; netem may not: either applied, or said plainly.
      expect(ns.applied.join(' ')).toContain('rate 1gbit');
      const delaySaid =
        ns.applied.some((a) => a.includes('delay 2ms')) ||
        ns.notApplied.some((n) => n.includes('--delay 2ms'));
      expect(delaySaid).toBe(true);

      const server = await startServer(ns.wrap(echoServerCommand('0.0.0.0')));
      try {
        expect(await tcpConnectTime(ns.nsAddress, server.port)).toBeGreaterThanOrEqual(0);
        // The server is not on the host's loopback: it really lives in the namespace.
        await expect(tcpConnectTime('127.0.0.1', server.port, 1000)).rejects.toThrow();
      } finally {
        await server.stop();
      }
    } finally {
      ns.teardown();
    }
    expect(ip('netns', 'list')).not.toContain(ns.name);
    expect(ip('-o', 'link')).not.toContain(`${ns.hostIf}@`);
  });

  it('runs a lab week across the veth pair, says what it could not shape, and leaves no namespace', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lab-netns-'));
    try {
      const options = parseLabArgs('week5', [
        '--quick',
        '--models',
        'select',
        '--netns',
        '--rate',
        '1gbit',
        '--out',
        out,
      ]);
      const { results } = await runLab(options, { sink: { write: () => {} } });
      expect(results.environment.path).toBe('netns');
      expect(results.environment.network.join(' ')).toContain('rate 1gbit each way (tbf)');
      const url = results.stress[0]!.subject.url!;
      expect(url).toMatch(/^http:\/\/10\.200\.\d+\.2:\d+$/);
      expect(results.stress.every((r) => r.error === null && r.result!.requests > 0)).toBe(true);
      const name = /in namespace (netlab-\S+)/.exec(results.environment.network.join(' '))![1]!;
      expect(ip('netns', 'list')).not.toContain(name);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('cleans up when the process exits without teardown (the exit handler)', () => {
    const script = `
      import { createNetns } from './src/process/netns.ts';
      const ns = createNetns();
      console.log(ns.name);
      process.exit(0);`;
    const name = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url).pathname,
      encoding: 'utf8',
    }).trim();
    expect(name).toMatch(/^netlab-/);
    expect(ip('netns', 'list')).not.toContain(name);
  });
});
