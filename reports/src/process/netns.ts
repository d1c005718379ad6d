/**
 * A real network path on one machine (the TA deducted marks for loopback-only tests): the servers run in a
 * network namespace made for this run, joined to the host by a veth pair, optionally shaped with tc. Addresses
 * come from 10.200.0.0/16 and exist only on the veth pair we create, so no traffic leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { LabError } from '../errors.js';
import { registerCleanup } from './cleanup.js';
import type { ServerCommand } from './supervisor.js';

export interface NetnsOptions {
  /** One-way delay for tc netem, e.g. `2ms`. */
  delay?: string;
  /** Rate for tc tbf, e.g. `1gbit`. */
  rate?: string;
}

export interface Netns {
  name: string;
  hostIf: string;
  nsIf: string;
  hostAddress: string;
  nsAddress: string;
  /** What shaping took effect, and what could not be applied and why. */
  applied: string[];
  notApplied: string[];
  /** The same command, run inside the namespace. */
  wrap: (cmd: ServerCommand) => ServerCommand;
  teardown: () => void;
}

const DELAY = /^\d+(\.\d+)?(us|ms|s)$/;
const RATE = /^(\d+(?:\.\d+)?)(bit|kbit|mbit|gbit|tbit)$/i;
const RATE_UNITS: Record<string, number> = { bit: 1, kbit: 1e3, mbit: 1e6, gbit: 1e9, tbit: 1e12 };

export function validateShaping(options: NetnsOptions): string[] {
  const problems: string[] = [];
  if (options.delay !== undefined && !DELAY.test(options.delay)) {
    problems.push(`--delay ${options.delay}: give a time such as 2ms, 500us or 0.1s`);
  }
  if (options.rate !== undefined && !RATE.test(options.rate)) {
    problems.push(`--rate ${options.rate}: give a rate such as 1gbit, 100mbit or 512kbit`);
  }
  return problems;
}

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function stderrOf(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr || e.message || String(error)).trim().split('\n')[0]!;
}

/** Checks we can make namespaces here; the message names what is missing. */
export function netnsSupport(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: '--netns needs Linux network namespaces' };
  if (process.getuid?.() !== 0) {
    return {
      ok: false,
      reason:
        '--netns needs root (CAP_NET_ADMIN) to create a network namespace and veth pair: run it with sudo, or drop --netns',
    };
  }
  try {
    run('ip', ['-V']);
  } catch {
    return { ok: false, reason: '--netns needs the `ip` command: apt-get install iproute2' };
  }
  return { ok: true };
}

/** The first 10.200.X.0/30 no interface on this machine already uses. */
function freeSubnet(): number {
  const used = new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((i) => i?.address ?? '')
      .filter((a) => a.startsWith('10.200.'))
      .map((a) => Number(a.split('.')[2])),
  );
  const start = process.pid % 250;
  for (let i = 0; i < 250; i++) {
    const x = (start + i) % 250;
    if (!used.has(x)) return x;
  }
  throw new LabError('LAB_NETNS_UNAVAILABLE', 'no free 10.200.X.0/30 subnet for the veth pair');
}

function rateBits(rate: string): number {
  const m = RATE.exec(rate)!;
  return Number(m[1]) * RATE_UNITS[m[2]!.toLowerCase()]!;
}

/** Shapes one interface's egress; returns what did not apply. */
function shape(namespace: string | null, dev: string, options: NetnsOptions, delay: boolean): string[] {
  const tc = (args: string[]) =>
    namespace ? run('ip', ['netns', 'exec', namespace, 'tc', ...args]) : run('tc', args);
  const failed: string[] = [];
  let parent = ['root'];
  if (delay && options.delay) {
    try {
      tc(['qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', 'netem', 'delay', options.delay]);
      parent = ['parent', '1:'];
    } catch (error) {
      const reason = stderrOf(error);
      failed.push(
        /unknown/i.test(reason)
          ? `--delay ${options.delay}: this kernel has no netem qdisc (sch_netem), so no delay was added`
          : `--delay ${options.delay}: tc netem failed (${reason})`,
      );
    }
  }
  if (options.rate) {
    const bits = rateBits(options.rate);
    // tbf needs a bucket of at least rate/HZ bytes; 4 ms worth (and never under 32 KiB) keeps it accurate at 1 Gbit/s.
    const burst = Math.max(32 * 1024, Math.ceil(bits / 8 / 250));
    try {
      tc([
        'qdisc',
        'add',
        'dev',
        dev,
        ...parent,
        'handle',
        '2:',
        'tbf',
        'rate',
        options.rate,
        'burst',
        String(burst),
        'latency',
        '50ms',
      ]);
    } catch (error) {
      failed.push(`--rate ${options.rate} on ${dev}: tc tbf failed (${stderrOf(error)})`);
    }
  }
  return failed;
}

export function createNetns(options: NetnsOptions = {}): Netns {
  const support = netnsSupport();
  if (!support.ok) throw new LabError('LAB_NETNS_UNAVAILABLE', support.reason);
  const problems = validateShaping(options);
  if (problems.length) throw new LabError('LAB_OPTION_INVALID', problems.join('; '));

  const id = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;
  const name = `netlab-${id}`;
  const hostIf = `nl${id}a`.slice(0, 15);
  const nsIf = `nl${id}b`.slice(0, 15);
  const x = freeSubnet();
  const hostAddress = `10.200.${x}.1`;
  const nsAddress = `10.200.${x}.2`;

  const teardown = () => {
    try {
      for (const pid of run('ip', ['netns', 'pids', name]).split(/\s+/).filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Already exited.
        }
      }
    } catch {
      // Namespace already gone.
    }
    for (const args of [
      ['link', 'del', hostIf],
      ['netns', 'del', name],
    ]) {
      try {
        run('ip', args);
      } catch {
        // Deleting the namespace also removes its veth end; either may already be gone.
      }
    }
  };
  const unregister = registerCleanup(teardown);

  try {
    run('ip', ['netns', 'add', name]);
    run('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
    run('ip', ['link', 'set', nsIf, 'netns', name]);
    run('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', hostIf]);
    run('ip', ['link', 'set', hostIf, 'up']);
    const inNs = ['netns', 'exec', name];
    run('ip', [...inNs, 'ip', 'addr', 'add', `${nsAddress}/30`, 'dev', nsIf]);
    run('ip', [...inNs, 'ip', 'link', 'set', nsIf, 'up']);
    run('ip', [...inNs, 'ip', 'link', 'set', 'lo', 'up']);
  } catch (error) {
    teardown();
    unregister();
    throw new LabError('LAB_NETNS_UNAVAILABLE', `could not set up the network namespace: ${stderrOf(error)}`);
  }

  // Requests leave the host end (delay them once); responses leave the namespace end. Rate-limit both.
  const notApplied = [
    ...shape(null, hostIf, options, true),
    ...shape(name, nsIf, { rate: options.rate }, false),
  ];
  const applied = [`veth ${hostIf} (${hostAddress}) ⇄ ${nsIf} (${nsAddress}) in namespace ${name}`];
  if (options.delay && !notApplied.some((n) => n.startsWith('--delay')))
    applied.push(`delay ${options.delay} (netem)`);
  if (options.rate && !notApplied.some((n) => n.startsWith('--rate')))
    applied.push(`rate ${options.rate} each way (tbf)`);

  return {
    name,
    hostIf,
    nsIf,
    hostAddress,
    nsAddress,
    applied,
    notApplied,
    wrap: (cmd) => ({
      ...cmd,
      label: `${cmd.label} in ${name}`,
      command: 'ip',
      args: ['netns', 'exec', name, ...(cmd.shell ? ['sh', '-c', cmd.command] : [cmd.command, ...cmd.args])],
      shell: false,
    }),
    teardown: () => {
      teardown();
      unregister();
    },
  };
}
