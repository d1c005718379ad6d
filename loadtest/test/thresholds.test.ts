import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { judgeThresholds, LoadResult, main, parseThreshold } from '../src/index.js';
import { memoryIo as io } from './helpers/memory-io.js';
import { startTestServer } from './helpers/test-servers.js';

const dir = mkdtempSync(join(tmpdir(), 'netlab-thresholds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('threshold expressions', () => {
  it.each([
    ['p95<500ms', { metric: 'p95', op: '<', limit: 500 }],
    ['p99 < 1.5s', { metric: 'p99', op: '<', limit: 1500 }],
    ['avg<=20', { metric: 'avg', op: '<=', limit: 20 }],
    ['max<2s', { metric: 'max', op: '<', limit: 2000 }],
    ['failures<1%', { metric: 'failures', op: '<', limit: 1 }],
    ['rps>200', { metric: 'rps', op: '>', limit: 200 }],
    ['rps>=50/s', { metric: 'rps', op: '>=', limit: 50 }],
  ])('%s', (text, parsed) => {
    expect(parseThreshold(text)).toEqual({ expr: text.trim(), ...parsed });
  });

  it.each(['p97<1ms', 'p95<1h', 'failures<1', 'rps>5ms', 'p95=3ms', 'p95<', ''])(
    '%j is bad input, named in one line',
    (text) => {
      expect(() => parseThreshold(text)).toThrow(
        expect.objectContaining({ code: 'LOADTEST_THRESHOLD_INVALID' }),
      );
    },
  );

  const base = {
    requests: 200,
    failures: 3,
    rps: 98.5,
    responseTime: { avg: 4, min: 1, max: 40, p50: 3, p90: 8, p95: 12, p99: 30, p999: 40 },
  } as LoadResult;

  it('judges each on the result: times of successes in ms, failures in % of requests, rps of successes', () => {
    const marks = [
      'p95<12ms',
      'p95<=12ms',
      'max<0.05s',
      'failures<1%',
      'failures<2%',
      'rps>100',
      'rps>=98.5',
    ];
    expect(judgeThresholds(base, marks.map(parseThreshold))).toEqual([
      { expr: 'p95<12ms', value: 12, passed: false },
      { expr: 'p95<=12ms', value: 12, passed: true },
      { expr: 'max<0.05s', value: 40, passed: true },
      { expr: 'failures<1%', value: 1.5, passed: false },
      { expr: 'failures<2%', value: 1.5, passed: true },
      { expr: 'rps>100', value: 98.5, passed: false },
      { expr: 'rps>=98.5', value: 98.5, passed: true },
    ]);
  });

  it('a time threshold fails when nothing succeeded: no response time can meet it', () => {
    const none = { ...base, failures: 200, rps: 0 } as LoadResult;
    expect(judgeThresholds(none, [parseThreshold('p95<10s')])[0]!.passed).toBe(false);
  });
});

describe('--threshold on a run', () => {
  it('a missed mark prints ✗ with its value, writes thresholds to the JSON and exits 99; a met one ✓ and 0', async () => {
    const server = await startTestServer('keep-alive');
    try {
      const json = join(dir, 'missed.json');
      const missed = io();
      const args = ['--host', server.url, '-u', '2', '-n', '40', '--quiet'];
      expect(
        await main([...args, '--threshold', 'max<0ms', '--threshold', 'p95<10s', '--json', json], missed),
      ).toBe(99);
      expect(missed.text.out).toMatch(/✗ max<0ms {2}\(measured [\d.]+ ms\)/);
      expect(missed.text.out).toMatch(/✓ p95<10s {2}\(measured [\d.]+ ms\)/);
      expect(missed.text.err).toMatch(
        /^LOADTEST_THRESHOLD_FAILED: 1 of 2 threshold\(s\) not met: max<0ms \([\d.]+\)\n$/,
      );
      const result = LoadResult.parse(JSON.parse(readFileSync(json, 'utf8')));
      expect(result.thresholds).toEqual([
        { expr: 'max<0ms', value: result.responseTime.max, passed: false },
        { expr: 'p95<10s', value: result.responseTime.p95, passed: true },
      ]);
      const met = io();
      expect(await main([...args, '--threshold', 'p95<10s', '--threshold', 'failures<1%'], met)).toBe(0);
      expect(met.text.out).not.toContain('✗');
    } finally {
      await server.close();
    }
  }, 60_000);

  it("a scenario's thresholds: are judged with the flags'", async () => {
    const server = await startTestServer('keep-alive');
    try {
      const scenario = join(dir, 'marks.yaml');
      writeFileSync(scenario, 'tasks:\n  - path: /\nthresholds: ["rps>1000000"]\n');
      const cli = io();
      const code = await main(
        ['--host', server.url, '-n', '5', '--quiet', '--scenario', scenario, '--threshold', 'p95<10s'],
        cli,
      );
      expect(code).toBe(99);
      expect(cli.text.out).toMatch(/✗ rps>1000000[\s\S]*✓ p95<10s/);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('an invalid expression is exit 2 before any load, one line', async () => {
    const cli = io();
    expect(await main(['--host', 'http://127.0.0.1:1', '--threshold', 'p95 under 1s'], cli)).toBe(2);
    expect(cli.text.err).toMatch(/^LOADTEST_THRESHOLD_INVALID: threshold "p95 under 1s": .*\n$/);
    expect(cli.text.out).toBe('');
  });
});
