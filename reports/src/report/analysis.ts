/**
 * The analysis section, written from the measured numbers (never canned): winners and margins per metric,
 * generator saturation, the fork-per-connection cost, failures and their reasons, and the loopback caveat.
 */
import type { LoadResult } from '@netlab/loadtest';
import { LISTEN_BACKLOG } from '@netlab/servers';
import { fmtInt, fmtMs, fmtRatio } from '../format.js';
import {
  advantage,
  comparable,
  findRun,
  type Metric,
  metricValue,
  rank,
  subjectsOf,
  successes,
} from '../metrics.js';
import type { LabResults, ScenarioName, StressRun } from '../results.js';

export interface AnalysisPart {
  title: string;
  paragraphs: string[];
}

const fmtFor = (m: Metric, v: number) =>
  m.unit === 'ms' ? `${fmtMs(v)} ms` : m.unit === 'count' ? `${fmtInt(v)}건` : `${fmtInt(v)} ${m.unit}`;
const SCENARIO: Record<ScenarioName, string> = {
  ramp: '램프(첫 실패까지)',
  fixed: '고정 부하',
  open: '고정 도착률',
};
const LABEL: Record<string, string> = {
  max_rps: '최대 req/s(성공 응답)',
  rps: '평균 req/s(성공 응답)',
  mean_response_ms: '평균 응답 시간(성공 응답)',
  p99_ms: '99 백분위 응답 시간',
};

/** Failure kinds of a run with their counts, most frequent first: "timeout 295, reset 3". */
function kindsOf(r: LoadResult): string {
  return Object.entries(r.failuresByKind)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${fmtInt(n)}`)
    .join(', ');
}

function winnerSentence(runs: StressRun[], scenario: ScenarioName, key: string): string | null {
  const { metric: m, order } = rank(runs, scenario, key);
  if (order.length === 0) return null;
  const label = `${SCENARIO[scenario]} ${LABEL[key] ?? m.label}`;
  const [first, second] = order;
  if (order.length === 1) return `${label}: ${first!.subject}만 측정됨 (${fmtFor(m, first!.value)}).`;
  const last = order.at(-1)!;
  const vsSecond = advantage(m, first!.value, second!.value);
  const vsLast = advantage(m, first!.value, last.value);
  const margins: string[] = [];
  if (vsSecond !== null)
    margins.push(`2위 ${second!.subject} (${fmtFor(m, second!.value)})보다 ${fmtRatio(vsSecond)}`);
  if (order.length > 2 && vsLast !== null)
    margins.push(`최하위 ${last.subject} (${fmtFor(m, last.value)})보다 ${fmtRatio(vsLast)}`);
  const better = m.better === 'higher' ? '높음' : m.unit === 'ms' ? '빠름' : '적음';
  return `${label}: 1위 ${first!.subject} (${fmtFor(m, first!.value)})${margins.length ? ` — ${margins.join(', ')} ${better}` : ''}.`;
}

function firstFailureSentences(results: LabResults): string[] {
  const ramps = results.stress.filter((r) => r.scenario === 'ramp' && r.result);
  if (ramps.length === 0) return [];
  const cap = results.profile?.ramp.maxUsers;
  const survived = ramps.filter((r) => !r.result!.firstFailure).map((r) => r.subject.name);
  const failed = ramps
    .filter((r) => r.result!.firstFailure)
    .sort((a, b) => a.result!.firstFailure!.users - b.result!.firstFailure!.users);
  const out: string[] = [];
  if (survived.length) {
    out.push(
      `실패 없이 램프 상한(${fmtInt(cap)}명)에 도달: ${survived.join(', ')} — 이 모델들의 첫 실패 지점은 상한보다 높으며, 이 측정으로는 알 수 없다.`,
    );
  }
  for (const r of failed) {
    const f = r.result!.firstFailure!;
    out.push(
      `${r.subject.name}: 첫 실패 요청을 보낸 때 ${f.sentSecond.toFixed(1)}초, 사용자 ${fmtInt(f.users)}명 (${f.kind}: ${f.error}; 실패가 확인된 때 ${f.second.toFixed(1)}초).${backlogSentence(r, f.users)}`,
    );
  }
  return out;
}

/**
 * A reference server failing only past the listen queue's size: connections the kernel cannot queue are dropped
 * and the client's SYN is retried 1–4 s later (servers/README.md), long enough to time out.
 */
function backlogSentence(run: StressRun, users: number): string {
  if (run.subject.origin !== 'reference' || users <= LISTEN_BACKLOG) return '';
  return ` 동시 사용자가 서버의 listen 큐 크기(backlog ${fmtInt(LISTEN_BACKLOG)})를 넘은 뒤의 실패다: 서버가 accept하기 전에 큐가 차면 커널은 새 연결 요청(SYN)을 버리고 클라이언트는 1–4초 뒤에 다시 시도하므로, 그 요청은 제한 시간을 넘길 수 있다 (servers/README.md).`;
}

function generatorSentences(results: LabResults): string[] {
  const bound = results.stress.filter((r) => r.result?.generatorBound);
  const measured = results.stress.filter((r) => r.result);
  if (measured.length === 0) return [];
  if (bound.length === 0) {
    return [
      `부하 생성기는 어느 실행에서도 포화되지 않았다(generatorBound = false, ${fmtInt(measured.length)}회 실행): 표의 차이는 서버 모델의 차이로 볼 수 있다.`,
    ];
  }
  const names = bound.map((r) => `${r.subject.name}/${r.scenario}`).join(', ');
  // "The fastest server hits the generator's limit first" is said only when the saturated runs were the fastest.
  const fastest = bound.every(
    (r) => rank(results.stress, r.scenario, 'rps').order[0]?.subject === r.subject.name,
  );
  return [
    `부하 생성기가 포화되었다(generator-bound): ${names}. 이 실행들의 처리량은 서버의 한계가 아니라 하한(floor)이다. 생성기와 서버가 같은 ${fmtInt(results.environment.cpus)}개 코어를 나눠 쓰므로, ${
      fastest
        ? '같은 시나리오에서 가장 빠른 모델일수록 생성기가 먼저 한계에 닿는다.'
        : '서버가 CPU를 많이 쓸수록 생성기의 몫이 줄어, 가장 빠른 모델이 아니어도 생성기가 한계에 닿을 수 있다.'
    }`,
  ];
}

/**
 * At an offered rate the throughput is the rate for every model that keeps up, so it is no contest: the sentence
 * says who kept up (95% of the offered requests answered per second) and who did not.
 */
function openRateSentence(results: LabResults): string | null {
  const rate = results.profile?.open?.rate;
  const open = results.stress.filter((r) => r.scenario === 'open' && r.result);
  if (!rate || open.length === 0) return null;
  const kept = open.filter((r) => r.result!.rps >= rate * 0.95).map((r) => r.subject.name);
  const behind = open
    .filter((r) => r.result!.rps < rate * 0.95)
    .map((r) => `${r.subject.name} ${fmtInt(r.result!.rps)} req/s`);
  return `고정 도착률(초당 ${fmtInt(rate)}개): ${kept.length ? `제공된 부하를 따라감 — ${kept.join(', ')}` : '제공된 부하를 따라간 모델 없음'}${behind.length ? `; 못 따라감 — ${behind.join(', ')}` : ''}.`;
}

/**
 * Why closed-loop latency looks better (coordinated omission), and what this run's open scenario measured:
 * each figure compared is from the same run, so the sentence cannot contradict the table.
 */
function openModelSentences(results: LabResults): string[] {
  const open = results.stress.filter((r) => r.scenario === 'open' && r.result && successes(r.result) > 0);
  if (open.length === 0) return [];
  const rate = results.profile?.open?.rate;
  const out = [
    '닫힌 루프(closed loop)의 사용자는 응답을 받아야 다음 요청을 보내므로, 서버가 멈춘 동안에는 요청을 보내지 않고 그동안 도착했어야 할 요청의 대기 시간이 측정에서 빠진다(coordinated omission). 그래서 램프와 고정 부하의 응답 시간은 실제보다 좋아 보이며, 고정 도착률은 서버가 멈춰도 예정대로 요청을 보내고 예정 시각부터 시간을 재어 그 대기를 응답 시간에 넣는다.',
  ];
  // A difference under 5% (or 1 ms) is noise of the two clocks, not a wait: such a model is not listed as waiting.
  const waited = (r: LoadResult) =>
    r.responseTime.p99 - r.serviceTime.p99 >= Math.max(1, r.serviceTime.p99 * 0.05);
  const queued = open
    .filter((r) => waited(r.result!))
    .map(
      (r) =>
        `${r.subject.name} ${fmtMs(r.result!.responseTime.p99)} ms(보낸 때부터 ${fmtMs(r.result!.serviceTime.p99)} ms${r.result!.lateStarts ? `, 늦게 시작 ${fmtInt(r.result!.lateStarts)}건` : ''})`,
    );
  if (queued.length) {
    out.push(
      `초당 ${fmtInt(rate)}개 도착에서 예정 시각부터 잰 99 백분위가 보낸 때부터 잰 값보다 컸던 모델: ${queued.join(', ')} — 차이가 요청이 차례를 기다린 시간이다.`,
    );
  } else {
    out.push(
      `초당 ${fmtInt(rate)}개 도착에서는 어느 모델에서도 예정 시각부터 잰 99 백분위가 보낸 때부터 잰 값보다 5% 넘게 크지 않았다: 요청이 차례를 기다리지 않았다.`,
    );
  }
  return out;
}

/**
 * Successful responses slower than the timeout: in the open model they are timed from the schedule, so the wait
 * for a connection counts too, while the timeout runs from the send.
 */
function overTimeoutSentences(results: LabResults): string[] {
  const p = results.profile;
  if (!p) return [];
  const timeoutOf: Record<ScenarioName, number> = {
    ramp: p.ramp.timeoutSec,
    fixed: p.fixed.timeoutSec,
    open: p.open?.timeoutSec ?? Number.POSITIVE_INFINITY,
  };
  return results.stress
    .filter(
      (r) => r.result && successes(r.result) > 0 && r.result.responseTime.max > timeoutOf[r.scenario] * 1000,
    )
    .map((r) => {
      const rt = r.result!.responseTime;
      const st = r.result!.serviceTime;
      const limit = `제한 시간 ${fmtInt(timeoutOf[r.scenario])}초`;
      return r.scenario === 'open' && st.max <= timeoutOf[r.scenario] * 1000
        ? `${r.subject.name}/${SCENARIO[r.scenario]}: 성공 응답의 최대 응답 시간 ${fmtMs(rt.max)} ms는 ${limit}보다 길다 — 응답 시간은 예정 시각부터, 제한 시간은 보낸 때부터 재므로 연결을 기다린 시간만큼 길어진다(보낸 때부터 최대 ${fmtMs(st.max)} ms).`
        : `${r.subject.name}/${SCENARIO[r.scenario]}: 성공 응답의 최대 응답 시간 ${fmtMs(rt.max)} ms가 ${limit}를 넘었지만, 응답을 끝까지 받았으므로 성공으로 셌다.`;
    });
}

function processModelSentences(results: LabResults): string[] {
  const runs = results.stress;
  const usable = (subject: string, scenario: ScenarioName) => {
    const run = findRun(runs, subject, scenario);
    return run && comparable(run) ? run : undefined;
  };
  const rps = (subject: string) =>
    metricValue(usable(subject, 'fixed'), 'rps') ?? metricValue(usable(subject, 'ramp'), 'max_rps');
  const mean = (subject: string) => metricValue(usable(subject, 'fixed'), 'mean_response_ms');
  const out: string[] = [];
  const mp = rps('multiprocess');
  const facts: string[] = [];
  if (mp !== null) {
    const single = rps('single');
    const best = subjectsOf(runs)
      .filter((s) => s !== 'multiprocess')
      .map((s) => ({ s, v: rps(s) }))
      .filter((e): e is { s: string; v: number } => e.v !== null)
      .sort((a, b) => b.v - a.v)[0];
    if (single !== null) {
      facts.push(
        single > mp
          ? `single(반복형)이 multiprocess보다 ${fmtRatio(single / Math.max(mp, 1e-9))} 빨랐다 (${fmtInt(single)} 대 ${fmtInt(mp)} req/s)`
          : `multiprocess가 single보다 ${fmtRatio(mp / Math.max(single, 1e-9))} 빨랐다 (${fmtInt(mp)} 대 ${fmtInt(single)} req/s)`,
      );
    }
    if (best && best.s !== 'single')
      facts.push(`가장 빠른 ${best.s}는 multiprocess의 ${fmtRatio(best.v / Math.max(mp, 1e-9))}`);
    const mpMean = mean('multiprocess');
    if (mpMean !== null) facts.push(`multiprocess의 고정 부하 평균 응답 시간은 ${fmtMs(mpMean)} ms`);
  }
  const broken = (model: string) => {
    const failed = runs.filter((r) => r.subject.name === model && r.result && !comparable(r));
    if (failed.length === 0) return null;
    const total = failed.reduce((n, r) => n + r.result!.requests, 0);
    const failures = failed.reduce((n, r) => n + r.result!.failures, 0);
    const kinds = [...new Set(failed.flatMap((r) => r.result!.failureRows.map((f) => f.kind)))].join(', ');
    return `${model}는 ${failed.map((r) => SCENARIO[r.scenario]).join('·')}에서 요청 ${fmtInt(total)}개 중 ${fmtInt(failures)}개가 실패했다${kinds ? ` (${kinds})` : ''}`;
  };
  const mpBroken = broken('multiprocess');
  if (mpBroken) facts.push(mpBroken);
  if (facts.length) {
    const single = rps('single');
    const mpTimeouts = runs
      .filter((r) => r.subject.name === 'multiprocess' && r.result)
      .reduce((n, r) => n + (r.result!.failuresByKind.timeout ?? 0), 0);
    // Each reason is given only where this run's numbers show the effect it explains.
    const why = [
      '요청 처리기는 작은 파일 하나를 보내는 수 µs짜리 일인데, 연결마다 새 프로세스를 띄우는 비용(프로세스 생성과 런타임 시작, 수 ms 이상)이 그보다 수백~수천 배 크다.',
      ...(mpTimeouts > 0
        ? [
            `동시 사용자가 많으면 프로세스 생성이 밀려 응답이 제한 시간을 넘긴다(multiprocess의 timeout ${fmtInt(mpTimeouts)}건).`,
          ]
        : []),
      ...(single !== null && mp !== null && single > mp
        ? [
            'single은 한 번에 한 연결만 처리하지만 listen 큐가 기다리는 클라이언트를 붙잡아 두어 빠르게 하나씩 처리한다 — single이 multiprocess보다 빠른 것은 측정 오류가 아니라 이 비용 차이다.',
          ]
        : []),
      'prefork는 프로세스를 미리 만들어 두어 이 비용을 한 번만 치른다.',
    ];
    out.push(`연결마다 프로세스를 만드는 모델(fork-per-connection): ${facts.join('; ')}. ${why.join(' ')}`);
  }
  const mt = rps('multithread');
  const tp = rps('threadpool');
  const mtBroken = broken('multithread');
  if ((mt !== null || mtBroken) && tp !== null) {
    const mtText =
      mt !== null
        ? `multithread(연결마다 스레드) ${fmtInt(mt)} req/s (${fmtRatio(Math.max(tp, mt) / Math.max(Math.min(tp, mt), 1e-9))} 차이)`
        : mtBroken;
    out.push(
      `스레드: threadpool ${fmtInt(tp)} req/s, ${mtText}. 연결마다 워커 스레드를 새로 만드는 비용을 풀(pool)은 한 번만 치른다. Node에서는 소켓을 스레드에 넘길 수 없어 요청과 응답이 메시지로 오가므로, 사소한 처리기에서는 스레드가 이득보다 비용이 크다.`,
    );
  }
  return out;
}

function errorSentences(results: LabResults): string[] {
  return results.stress
    .filter((r) => r.error)
    .map(
      (r) =>
        `${r.subject.name} (${SCENARIO[r.scenario]}): ${r.error} — 표에는 실패로 기록하고 나머지 모델은 계속 측정했다.`,
    );
}

function pathSentences(results: LabResults): string[] {
  const env = results.environment;
  const pf = env.preflight;
  const out: string[] = [];
  if (pf) {
    // The preflight's own note is English terminal text; the report says the same from the structured fields.
    const how =
      pf.method === 'icmp'
        ? `ICMP ping, 표본 ${fmtInt(pf.samples.length)}개`
        : pf.method === 'tcp'
          ? `ICMP를 쓸 수 없어(raw socket 권한 없음) 대신 잰 TCP 연결 시간, 서버의 accept 포함, 표본 ${fmtInt(pf.samples.length)}개`
          : 'ICMP를 쓸 수 없고 TCP 연결 시간을 잴 포트도 없음';
    out.push(
      pf.rttMs !== null
        ? `사전 점검(pre-flight): ${pf.host}까지 왕복 시간 ${fmtMs(pf.rttMs)} ms (${how}).`
        : `사전 점검(pre-flight): ${pf.host} — 응답 없음 (${how}).`,
    );
  }
  if (env.path === 'loopback') {
    out.push(
      `주의(loopback): 이 측정은 127.0.0.1(loopback)에서 이루어져 패킷이 NIC와 실제 네트워크를 거치지 않았다. 부하 생성기와 서버가 같은 ${env.cpus}코어 CPU를 나눠 썼으므로, 실제 네트워크에서보다 지연은 작고 CPU 경쟁은 크다. 실제 경로를 재려면 --netns(가상 이더넷 veth 쌍과 네트워크 네임스페이스) 또는 다른 PC에서 실행하라.`,
    );
  } else if (env.path === 'netns') {
    out.push(
      `네트워크 경로: 서버를 별도 네트워크 네임스페이스에서 실행하고 veth 쌍으로 연결해 패킷이 가상 NIC와 커널 네트워크 스택을 거쳤다 (${env.network.join('; ')}). 그래도 같은 머신의 CPU를 나눠 쓰므로 물리 네트워크와는 다르다.`,
    );
  }
  return out;
}

function stressParts(results: LabResults): AnalysisPart[] {
  const runs = results.stress;
  if (runs.length === 0) return [];
  const winners = [
    winnerSentence(runs, 'ramp', 'max_rps'),
    winnerSentence(runs, 'ramp', 'mean_response_ms'),
    winnerSentence(runs, 'fixed', 'rps'),
    winnerSentence(runs, 'fixed', 'mean_response_ms'),
    openRateSentence(results),
    winnerSentence(runs, 'open', 'p99_ms'),
  ].filter((s): s is string => s !== null);
  const fixed = runs.filter((r) => r.scenario === 'fixed' && r.result && !r.error);
  const clean = fixed.filter((r) => r.result!.failures === 0).map((r) => r.subject.name);
  const failing = fixed
    .filter((r) => r.result!.failures > 0)
    .sort((a, b) => b.result!.failures - a.result!.failures);
  if (fixed.length && failing.length === 0)
    winners.push('고정 부하에서는 측정한 모든 모델의 실패가 0건이었다.');
  else if (failing.length) {
    const worst = failing.map((r) => `${r.subject.name} ${fmtInt(r.result!.failures)}건`).join(', ');
    winners.push(`고정 부하 실패: ${clean.length ? `0건 — ${clean.join(', ')}; ` : ''}실패 — ${worst}.`);
  }
  const excluded = runs.filter((r) => r.result && !comparable(r));
  if (excluded.length) {
    const each = excluded.map((r) => {
      const res = r.result!;
      const n = `성공 ${fmtInt(successes(res))}/${fmtInt(res.requests)}`;
      return r.error
        ? `${r.subject.name}/${r.scenario} (오류: ${r.error})`
        : `${r.subject.name}/${r.scenario} (${n}; 실패 ${kindsOf(res)})`;
    });
    winners.push(
      `순위에서 뺀 실행: ${each.join(', ')} — 성공 응답이 요청의 절반에 못 미쳐, 처리량과 응답 시간이 소수의 성공 응답만으로 계산된 값이므로 다른 모델과 나란히 비교하지 않는다.`,
    );
  }
  return [
    { title: '지표별 승자 (winners by metric)', paragraphs: winners },
    { title: '첫 실패 (first failure)', paragraphs: firstFailureSentences(results) },
    { title: '서버 모델의 차이 (why the models differ)', paragraphs: processModelSentences(results) },
    { title: '닫힌 루프와 고정 도착률 (coordinated omission)', paragraphs: openModelSentences(results) },
    {
      title: '측정의 신뢰도 (how far to trust the numbers)',
      paragraphs: [
        ...generatorSentences(results),
        ...overTimeoutSentences(results),
        ...errorSentences(results),
      ],
    },
  ];
}

function checkParts(results: LabResults): AnalysisPart[] {
  if (results.checks.length === 0) return [];
  const subjects = [...new Set(results.checks.map((c) => c.subject.name))];
  const paragraphs = subjects.map((s) => {
    const rows = results.checks.filter((c) => c.subject.name === s);
    const failed = rows.filter((c) => !c.pass);
    const head = `${s}: ${rows.length}개 검사 중 ${rows.length - failed.length}개 통과`;
    return failed.length === 0
      ? `${head} — 채점기의 서버 검사를 모두 통과한다.`
      : `${head}. 실패: ${failed.map((c) => `${c.check} (기대 ${c.expected}, 실제 ${c.actual})`).join('; ')}.`;
  });
  return [{ title: '검사 결과 (conformance)', paragraphs }];
}

function echoParts(results: LabResults): AnalysisPart[] {
  const paragraphs = results.echo.map((e) =>
    e.error
      ? `${e.subject.name}: 측정 실패 — ${e.error}.`
      : `${e.subject.name}: 메시지 ${fmtInt(e.messages)}개를 왕복시켜 초당 ${fmtInt(e.messagesPerSec)}개, 왕복 시간 중앙값 ${fmtMs(e.latencyMs.p50)} ms, 99% ${fmtMs(e.latencyMs.p99)} ms, 최대 ${fmtMs(e.latencyMs.max)} ms${e.errors ? `, 오류 ${e.errors}건` : ''}. 한 연결에서 보내고 받기를 번갈아 하므로 처리량은 왕복 시간의 역수에 가깝다.`,
  );
  if (results.attendance.length) {
    const passed = results.attendance.filter((a) => a.pass).length;
    paragraphs.push(
      `출석 서버: ${results.attendance.length}단계 중 ${passed}단계 통과${
        passed < results.attendance.length
          ? ` (실패: ${results.attendance
              .filter((a) => !a.pass)
              .map((a) => a.step)
              .join(', ')})`
          : ''
      }.`,
    );
  }
  return paragraphs.length ? [{ title: '에코와 출석 (echo and attendance)', paragraphs }] : [];
}

export function analysisFor(results: LabResults): AnalysisPart[] {
  const parts = [...stressParts(results), ...checkParts(results), ...echoParts(results)];
  const path = pathSentences(results);
  if (path.length) parts.push({ title: '측정 환경 (where this was measured)', paragraphs: path });
  if (results.notes.length) parts.push({ title: '참고 (notes)', paragraphs: results.notes });
  return parts.filter((p) => p.paragraphs.length > 0);
}
