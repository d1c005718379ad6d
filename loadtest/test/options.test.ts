import { describe, expect, it } from '@jest/globals';
import { isLoopback, judgeGenerator, parseDuration, parseScenario, resolveOptions } from '../src/index.js';
import { classifyMessage } from '../src/views/locust-import.js';

describe('options, durations, scenarios', () => {
  it.each([
    ['30', 30],
    ['30s', 30],
    ['2m', 120],
    ['1h30m', 5400],
    ['500ms', 0.5],
  ])('run time %s is %d s', (text, seconds) => expect(parseDuration(text, '-t')).toBe(seconds));

  it('defaults as documented', () => {
    const o = resolveOptions({ host: 'http://127.0.0.1:8080' });
    expect([o.users, o.spawnRate, o.wait, o.path, o.timeoutSec, o.keepAlive, o.workers, o.engine]).toEqual([
      1,
      1,
      [0, 0],
      '/',
      10,
      true,
      1,
      'auto',
    ]);
  });

  it('reports every problem at once', () => {
    expect(() => resolveOptions({ host: 'ftp://x', users: 0, wait: [5, 1] })).toThrow(
      /host: must be an http:\/\/ URL.*users: .*wait: wait is \[min, max\]/,
    );
  });

  it('reads a bare YAML list and JSON alike, with defaults', () => {
    const yaml = parseScenario('- path: /login\n  method: post\n- path: /list\n  weight: 3\n');
    const json = parseScenario('{"tasks":[{"path":"/login","method":"POST"},{"path":"/list","weight":3}]}');
    expect(yaml).toEqual(json);
    expect(yaml.tasks[0]).toMatchObject({ method: 'POST', weight: 1, headers: {} });
  });

  it.each([
    ["ConnectionRefusedError(111, 'Connection refused')", 'refused'],
    ["ConnectionResetError(104, 'Connection reset by peer')", 'reset'],
    ["RemoteDisconnected('Remote end closed connection without response')", 'closed'],
    ['BrokenPipeError(32)', 'reset'],
    ["ReadTimeout('timed out')", 'timeout'],
    ["HTTPError('500 Server Error')", 'status'],
    ["BadStatusLine('hello')", 'malformed'],
    ['OSError(24, Too many open files)', 'other'],
  ])('classifies Locust error %s as %s', (message, kind) => expect(classifyMessage(message)).toBe(kind));

  it('calls a generator saturated on its cores or lagging bound, and not otherwise', () => {
    expect(judgeGenerator({ cpuMicros: 950_000, wallMs: 1000, loopDelayP99Ms: 5 }, 1, 2)).toMatch(
      /generator-bound/,
    );
    expect(judgeGenerator({ cpuMicros: 950_000, wallMs: 1000, loopDelayP99Ms: 5 }, 2, 2)).toBeNull();
    expect(judgeGenerator({ cpuMicros: 100_000, wallMs: 1000, loopDelayP99Ms: 250 }, 1, 2)).toMatch(
      /event-loop/,
    );
  });

  it('suggests --workers only while cores are spare, counting a local server as using one', () => {
    const busy = { cpuMicros: 990_000, wallMs: 1000, loopDelayP99Ms: 5 };
    expect(judgeGenerator(busy, 1, 4, true)).toMatch(/try --workers/);
    expect(judgeGenerator(busy, 1, 2, true)).toMatch(/server shares these cores/);
    expect(judgeGenerator(busy, 1, 2, false)).toMatch(/try --workers/);
    expect(judgeGenerator(busy, 2, 2, false)).toBeNull();
  });

  it.each([
    ['http://127.0.0.1:8080', true],
    ['http://127.3.2.1', true],
    ['http://localhost:80/', true],
    ['http://[::1]:8080', true],
    ['http://10.200.0.2:8080', false],
    ['http://example.org', false],
  ])('takes %s as on this machine: %s', (host, here) => expect(isLoopback(host)).toBe(here));
});
