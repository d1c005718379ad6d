import { describe, expect, it } from '@jest/globals';
import { howItEnded, outputTail, signalGroup, spawnGroup } from '../src/index.js';

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

  it('words an end the same way everywhere', () => {
    expect(howItEnded(null, 'SIGKILL')).toBe('killed by SIGKILL');
    expect(howItEnded(2, null)).toBe('exited with code 2');
    expect(outputTail('a\nb\nc  \n', 2)).toBe('b | c');
  });
});
