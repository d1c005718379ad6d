import { describe, expect, it } from '@jest/globals';
import { advantage, metric, rank } from '../src/metrics.js';
import { analysisFor } from '../src/report/analysis.js';
import type { LabResults } from '../src/results.js';
import { week6Fixture } from './fixtures.js';

const text = (r: LabResults) =>
  analysisFor(r)
    .flatMap((p) => p.paragraphs)
    .join('\n');

describe('ranking', () => {
  const results = week6Fixture();

  it('orders subjects best first, higher or lower being better per metric', () => {
    expect(rank(results.stress, 'fixed', 'rps').order.map((e) => e.subject)).toEqual([
      'select',
      'prefork',
      'single',
      'threadpool',
      'multithread',
      'multiprocess',
    ]);
    expect(rank(results.stress, 'fixed', 'mean_response_ms').order[0]).toEqual({
      subject: 'select',
      value: 5,
    });
    // The student never started: no value, so not ranked rather than ranked last with zero.
    expect(rank(results.stress, 'ramp', 'max_rps').order.map((e) => e.subject)).not.toContain('student');
  });

  it('computes margins as "times better" either way', () => {
    expect(advantage(metric('rps'), 9800, 310)).toBeCloseTo(31.6, 1);
    expect(advantage(metric('mean_response_ms'), 5, 160)).toBe(32);
    expect(advantage(metric('rps'), 1, 0)).toBeNull();
  });
});

describe('the analysis', () => {
  const results = week6Fixture();
  const all = text(results);

  it('names the winner of each metric with its margin', () => {
    expect(all).toContain(
      '램프(첫 실패까지) max requests/s: 1위 select (9,800 req/s) — 2위 prefork (9,100 req/s)보다 1.1×',
    );
    expect(all).toContain('최하위 multiprocess (310 req/s)보다 32×');
    expect(all).toContain('고정 부하 mean response time: 1위 select (5.00 ms)');
  });

  it('reports the first failure and who reached the cap without one', () => {
    expect(all).toContain(
      'multiprocess: 5.4초, 사용자 150명일 때 첫 실패 (ECONNRESET: connection reset by peer)',
    );
    expect(all).toMatch(
      /실패 없이 램프 상한\(200명\)에 도달: single, prefork, multithread, threadpool, select/,
    );
  });

  it('explains the fork-per-connection cost with the measured ratio', () => {
    expect(all).toContain('single(반복형)이 multiprocess보다 20× 빨랐다 (6,200 대 310 req/s)');
  });

  it('says when the generator was saturated, and when it was not', () => {
    expect(all).toContain('부하 생성기가 포화되었다(generator-bound): select/fixed');
    const calm = week6Fixture();
    for (const r of calm.stress) if (r.result) r.result.generatorBound = false;
    expect(text(calm)).toContain('부하 생성기는 어느 실행에서도 포화되지 않았다');
  });

  it('carries failures with their reason and the loopback caveat', () => {
    expect(all).toContain(
      'student (램프(첫 실패까지)): student server (python3 select_server.py): exited with code 2 before it was ready',
    );
    expect(all).toContain('주의(loopback)');
    const netns = week6Fixture();
    netns.environment.path = 'netns';
    netns.environment.network = ['veth nla ⇄ nlb'];
    expect(text(netns)).not.toContain('주의(loopback)');
    expect(text(netns)).toContain('veth nla ⇄ nlb');
  });

  it('follows the numbers: a different winner gives a different text', () => {
    const flipped = week6Fixture();
    for (const r of flipped.stress) {
      if (r.subject.name === 'multiprocess' && r.result) r.result.rps = 50_000;
    }
    expect(text(flipped)).toContain('고정 부하 mean requests/s: 1위 multiprocess (50,000 req/s)');
    expect(text(flipped)).toContain('multiprocess가 single보다');
  });

  it('does not crown a server that failed most of its requests', () => {
    const r = week6Fixture();
    const run = r.stress.find((s) => s.subject.name === 'multiprocess' && s.scenario === 'fixed')!;
    run.result!.failures = run.result!.requests;
    run.result!.responseTime.avg = 0.01;
    const t = text(r);
    expect(t).not.toContain('고정 부하 mean response time: 1위 multiprocess');
    expect(t).toContain('순위에서 뺀 실행: multiprocess/fixed (실패 100%)');
    expect(t).toMatch(
      /고정 부하 실패: 0건 — single, prefork, multithread, threadpool, select; 실패 — multiprocess [\d,]+건/,
    );
  });

  it('still explains fork-per-connection when every multiprocess request timed out', () => {
    const r = week6Fixture();
    for (const run of r.stress.filter((s) => s.subject.name === 'multiprocess')) {
      run.result!.failures = run.result!.requests;
      run.result!.failureRows = [
        { method: 'GET', name: '/', kind: 'timeout', error: 'timeout after 5s', occurrences: 1 },
      ];
    }
    const t = text(r);
    expect(t).toMatch(
      /multiprocess는 램프\(첫 실패까지\)·고정 부하에서 요청 [\d,]+개 중 [\d,]+개가 실패했다 \(timeout\)/,
    );
    expect(t).toContain('fork-per-connection');
    expect(t).not.toContain('single(반복형)이 multiprocess보다');
  });
});
