import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  dieWithParent,
  howItEnded,
  outputTail,
  signalGroup,
  spawnGroup,
  typescriptExecArgv,
} from '../src/index.js';

const kitIndex = pathToFileURL(path.join(import.meta.dirname, '..', 'src', 'index.ts')).href;

/** Whether `pid` is a live process (a zombie, dead but not yet reaped, is not). */
function alive(pid: number): boolean {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).startsWith('Z');
  } catch {
    return false;
  }
}

describe('spawnGroup', () => {
  it('sees a ready line, keeps the output and stops the whole group with SIGTERM', async () => {
    const group = spawnGroup({
      command: 'sleep 60 & echo "listening on 127.0.0.1:7"; echo oops >&2; wait',
      args: [],
      shell: true,
    });
    const match = await group.waitForLine(/listening on (\S+):(\d+)/, 30_000);
    expect(match?.[2]).toBe('7');
    const { forced } = await group.stop({ graceMs: 10_000 });
    expect(forced).toBe(false);
    expect(signalGroup(group.pid, 0)).toBe(false);
    expect(group.ended()).toBe('killed by SIGTERM');
    expect(group.stderr()).toBe('oops\n');
    expect(group.output()).toContain('listening on');
  });

  it('SIGKILLs a group that ignores SIGTERM once the grace has passed', async () => {
    const group = spawnGroup({
      command: "trap '' TERM; echo up; while :; do sleep 1; done",
      args: [],
      shell: true,
    });
    await group.waitForLine(/up/, 30_000);
    const { forced } = await group.stop({ graceMs: 300 });
    expect(forced).toBe(true);
    expect(group.ended()).toBe('killed by SIGKILL');
    expect(signalGroup(group.pid, 0)).toBe(false);
  });

  it('says how a command ended before it was ready', async () => {
    const group = spawnGroup({ command: 'echo Traceback >&2; exit 3', args: [], shell: true });
    expect(await group.waitForLine(/listening/, 30_000)).toBeUndefined();
    expect(await group.waitUntil(async () => false, 30_000)).toBe(false);
    expect(group.ended()).toBe('exited with code 3');
    expect(outputTail(group.output())).toBe('Traceback');
  });

  it('with dieWithParent, ends the group when its parent is killed outright', async () => {
    // A parent process that starts the group, prints the leader's pid and waits; then SIGKILL for the parent.
    const script = `import(${JSON.stringify(kitIndex)}).then((kit) => {
      const group = kit.spawnGroup({ command: 'sleep', args: ['300'], dieWithParent: true });
      console.log(group.pid);
      setInterval(() => {}, 1000);
    });`;
    const parent = spawn(process.execPath, [...typescriptExecArgv(), '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const leader = await new Promise<number>((resolve) =>
      parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    // The group is up once setpriv and the guard have exec'd into sleep.
    for (let waited = 0; waited < 10_000 && !/sleep 300/.test(commandOf(leader)); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(commandOf(leader)).toBe('sleep 300');
    parent.kill('SIGKILL');
    for (let waited = 0; waited < 10_000 && alive(leader); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(alive(leader)).toBe(false);
  }, 60_000);

  it('never starts the command when the parent it was made for is not its parent any more', () => {
    // An extra shell in between stands for a parent that died first: the guard sees another parent and exits.
    const [command, args] = dieWithParent('echo', ['started']);
    const run = () =>
      execFileSync('/bin/sh', ['-c', '"$@"; echo "exit $?"', 'sh', command, ...args], { encoding: 'utf8' });
    expect(run()).toBe('exit 125\n');
  });

  it('words an end the same way everywhere', () => {
    expect(howItEnded(null, 'SIGKILL')).toBe('killed by SIGKILL');
    expect(howItEnded(2, null)).toBe('exited with code 2');
    expect(outputTail('a\nb\nc  \n', 2)).toBe('b | c');
  });
});

function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
