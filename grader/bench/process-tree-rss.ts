import { readdirSync, readFileSync } from 'node:fs';

const pageSize = 4096;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Resident memory of `root` and all its descendants now, from /proc (Linux). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (stat === undefined) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let bytes = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    const statm = read(`/proc/${pid}/statm`);
    if (statm !== undefined) bytes += Number(statm.split(' ')[1]) * pageSize;
    pending.push(...(children.get(pid) ?? []));
  }
  return bytes;
}

/**
 * Samples the summed RSS of a process tree every `everyMs` (the engine tokenises in child
 * processes, so the parent's own maxRSS would understate it). `stop()` returns the peak in bytes.
 */
export function samplePeakRss(root: number, everyMs = 50): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeRss(root));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
