import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { networkInterfaces } from 'node:os';

/** A network namespace standing for another PC, joined to this machine by a veth pair. */
export interface Pc {
  namespace: string;
  /** This machine's address on the pair (the PC's default route). */
  hostAddress: string;
  address: string;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * `count` PCs, each its own namespace on its own 10.201.X.Y/30 with a default route to this machine,
 * so each reaches every address of this machine through its own link. Names carry this process's id
 * and a random part: other suites make namespaces at the same time. `remove` always deletes them all.
 */
export function makePcs(count: number): { pcs: Pc[]; remove: () => void } {
  const tag = `${process.pid % 100000}${randomInt(100)}`;
  const used = new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((i) => i?.address ?? '')
      .filter((a) => a.startsWith('10.201.'))
      .map((a) => Number(a.split('.')[2])),
  );
  let third = randomInt(250);
  while (used.has(third)) third = (third + 1) % 250;
  const pcs: Pc[] = [];
  const remove = () => {
    for (const pc of pcs) {
      try {
        ip('netns', 'del', pc.namespace);
      } catch {
        // never made, or gone already
      }
    }
  };
  try {
    for (let i = 0; i < count; i++) {
      const namespace = `nlpc${tag}${i}`;
      const hostIf = `nlh${tag}${i}`;
      const pcIf = `nlp${tag}${i}`;
      const base = i * 4;
      const pc = {
        namespace,
        hostAddress: `10.201.${third}.${base + 1}`,
        address: `10.201.${third}.${base + 2}`,
      };
      ip('netns', 'add', namespace);
      pcs.push(pc);
      // The host end goes with the pair when the namespace (holding the other end) is deleted.
      ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', pcIf, 'netns', namespace);
      ip('addr', 'add', `${pc.hostAddress}/30`, 'dev', hostIf);
      ip('link', 'set', hostIf, 'up');
      ip('-n', namespace, 'addr', 'add', `${pc.address}/30`, 'dev', pcIf);
      ip('-n', namespace, 'link', 'set', pcIf, 'up');
      ip('-n', namespace, 'link', 'set', 'lo', 'up');
      ip('-n', namespace, 'route', 'add', 'default', 'via', pc.hostAddress);
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { pcs, remove };
}
