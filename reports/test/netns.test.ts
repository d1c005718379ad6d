import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { LabError } from '../src/errors.js';
import { createNetns, netnsSupport } from '../src/net/netns.js';
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

  it('cleans up when the process exits without teardown (the exit handler)', () => {
    const script = `
      import { createNetns } from './src/net/netns.ts';
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
