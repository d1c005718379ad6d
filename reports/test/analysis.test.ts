import { describe, expect, it } from '@jest/globals';
import { advantage, metric, metricValue, rank } from '../src/metrics.js';
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
      '램프(첫 실패까지) 최대 req/s(성공 응답): 1위 select (9,800 req/s) — 2위 prefork (9,100 req/s)보다 1.1×',
    );
    expect(all).toContain('최하위 multiprocess (310 req/s)보다 32×');
    expect(all).toContain('고정 부하 평균 응답 시간(성공 응답): 1위 select (5.00 ms)');
  });

  it('reports the first failure and who reached the cap without one', () => {
    // The moment and the users are those of the send, not of the timeout 5 s later.
    expect(all).toContain(
      'multiprocess: 첫 실패 요청을 보낸 때 4.6초, 사용자 115명 (timeout: timeout after 5s; 실패가 확인된 때 9.6초).',
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
    expect(text(flipped)).toContain('고정 부하 평균 req/s(성공 응답): 1위 multiprocess (50,000 req/s)');
    expect(text(flipped)).toContain('multiprocess가 single보다');
  });

  it('does not crown a server that failed most of its requests', () => {
    const r = week6Fixture();
    const run = r.stress.find((s) => s.subject.name === 'multiprocess' && s.scenario === 'fixed')!;
    run.result!.failures = run.result!.requests;
    run.result!.failuresByKind.timeout = run.result!.requests;
    run.result!.responseTime.avg = 0.01;
    const t = text(r);
    expect(t).not.toContain('고정 부하 평균 응답 시간(성공 응답): 1위 multiprocess');
    expect(t).toMatch(/순위에서 뺀 실행: multiprocess\/fixed \(성공 0\/[\d,]+; 실패 timeout [\d,]+\)/);
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
      /multiprocess는 램프\(첫 실패까지\)·고정 부하·고정 도착률에서 요청 [\d,]+개 중 [\d,]+개가 실패했다 \(timeout\)/,
    );
    expect(t).toContain('fork-per-connection');
    expect(t).not.toContain('single(반복형)이 multiprocess보다');
  });
});

/** Every sentence kind's claim, checked against the numbers it was written from. */
describe('the analysis never contradicts its numbers', () => {
  const results = week6Fixture();
  const all = text(results);
  const value = (subject: string, scenario: 'ramp' | 'fixed' | 'open', key: string) =>
    metricValue(
      results.stress.find((r) => r.subject.name === subject && r.scenario === scenario),
      key,
    )!;
  const SCENARIOS = { '램프(첫 실패까지)': 'ramp', '고정 부하': 'fixed', '고정 도착률': 'open' } as const;
  const KEYS: Record<string, string> = {
    '최대 req/s(성공 응답)': 'max_rps',
    '평균 req/s(성공 응답)': 'rps',
    '평균 응답 시간(성공 응답)': 'mean_response_ms',
    '99 백분위 응답 시간': 'p99_ms',
  };

  it('"1위 A — 2위 B보다 r×": A is better than B on that metric, by that ratio', () => {
    const claims = [
      ...all.matchAll(
        /^(램프\(첫 실패까지\)|고정 부하|고정 도착률) (.+?): 1위 (\w+) \(.+?\) — 2위 (\w+) \(.+?\)보다 ([\d.]+)×/gm,
      ),
    ];
    expect(claims.length).toBeGreaterThanOrEqual(5);
    for (const [, scenarioText, label, first, second, ratio] of claims) {
      const scenario = SCENARIOS[scenarioText as keyof typeof SCENARIOS];
      const m = metric(KEYS[label!]!);
      const a = value(first!, scenario, m.key);
      const b = value(second!, scenario, m.key);
      expect(m.better === 'higher' ? a >= b : a <= b).toBe(true);
      expect(Number(ratio)).toBeCloseTo(advantage(m, a, b)!, ratio!.includes('.') ? 1 : -0.5);
    }
  });

  it('at an offered rate, names who kept up instead of crowning a winner of equal rates', () => {
    const rate = results.profile!.open!.rate;
    const sentence = /^고정 도착률\(초당 15개\): 제공된 부하를 따라감 — (.+?); 못 따라감 — (.+)\.$/m.exec(
      all,
    )!;
    for (const r of results.stress.filter((s) => s.scenario === 'open' && s.result)) {
      const kept = r.result!.rps >= rate * 0.95;
      expect(sentence[kept ? 1 : 2]!.split(', ').some((n) => n.startsWith(r.subject.name))).toBe(true);
    }
    expect(all).not.toMatch(/고정 도착률 평균 req\/s/);
  });

  it('excluded runs give their successes and failure kinds, not a reason the numbers lack', () => {
    const excluded = /순위에서 뺀 실행: (.+?) — /.exec(all)![1]!;
    const run = results.stress.find((r) => r.subject.name === 'multiprocess' && r.scenario === 'open')!
      .result!;
    expect(excluded).toContain(
      `multiprocess/open (성공 ${run.requests - run.failures}/${run.requests}; 실패 timeout ${run.failuresByKind.timeout})`,
    );
    expect(all).not.toContain('빨리 끝나므로');
  });

  it('says the fastest model hits the generator limit first only when the saturated run was the fastest', () => {
    // select/fixed is saturated and the fastest fixed run.
    expect(all).toContain('가장 빠른 모델일수록 생성기가 먼저 한계에 닿는다');
    const slow = week6Fixture();
    for (const r of slow.stress)
      if (r.result) r.result.generatorBound = r.subject.name === 'threadpool' && r.scenario === 'fixed';
    expect(text(slow)).toContain('generator-bound): threadpool/fixed');
    expect(text(slow)).not.toContain('가장 빠른 모델일수록');
  });

  it('explains a success slower than the timeout only where one is', () => {
    expect(all).not.toContain('제한 시간 5초보다 길다');
    const late = week6Fixture();
    const run = late.stress.find((r) => r.subject.name === 'single' && r.scenario === 'open')!.result!;
    run.responseTime.max = 5_140;
    run.serviceTime.max = 900;
    expect(text(late)).toContain(
      'single/고정 도착률: 성공 응답의 최대 응답 시간 5,140 ms는 제한 시간 5초보다 길다 — 응답 시간은 예정 시각부터',
    );
  });

  it('gives the listen-queue reason only for a reference model failing past the backlog', () => {
    expect(all).not.toContain('listen 큐 크기');
    const capped = week6Fixture();
    const f = capped.stress.find((r) => r.subject.name === 'multiprocess' && r.scenario === 'ramp')!.result!
      .firstFailure!;
    f.users = 1000;
    expect(text(capped)).toContain(
      '사용자 1,000명 (timeout: timeout after 5s; 실패가 확인된 때 9.6초). 동시 사용자가 서버의 listen 큐 크기(backlog 511)를 넘은 뒤의 실패다',
    );
  });

  it('explains coordinated omission in two sentences and lists only models whose scheduled p99 exceeds the sent p99', () => {
    expect(all).toContain(
      '(coordinated omission). 그래서 램프와 고정 부하의 응답 시간은 실제보다 좋아 보이며',
    );
    const listed = /보낸 때부터 잰 값보다 컸던 모델: (.+?) — /.exec(all)![1]!;
    for (const r of results.stress.filter((s) => s.scenario === 'open' && s.result)) {
      const { responseTime: rt, serviceTime: st } = r.result!;
      const queued = rt.p99 - st.p99 >= Math.max(1, st.p99 * 0.05);
      expect(listed.includes(`${r.subject.name} `)).toBe(queued);
    }
  });
});
