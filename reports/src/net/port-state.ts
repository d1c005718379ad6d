import { readFileSync } from 'node:fs';

/**
 * What holds a local TCP port, read from the kernel's socket tables (/proc/net/tcp and tcp6): a listener, only
 * connections in TIME_WAIT (a previous run's, for up to 60 s: bind() fails without SO_REUSEADDR although no
 * process holds the port), or nothing. 'unknown' where the tables cannot be read (not Linux).
 */
export type PortState = 'listening' | 'time-wait' | 'free' | 'unknown';

const LISTEN = '0A';
const TIME_WAIT = '06';

export function portState(port: number): PortState {
  const states: string[] = [];
  let read = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    read = true;
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (local && state && Number.parseInt(local.split(':').at(-1)!, 16) === port) states.push(state);
    }
  }
  if (!read) return 'unknown';
  if (states.includes(LISTEN)) return 'listening';
  return states.includes(TIME_WAIT) ? 'time-wait' : 'free';
}
