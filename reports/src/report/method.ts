/** How the numbers were obtained, written from the run's own profile. */
import { fmtInt } from '../format.js';
import type { LabResults } from '../results.js';

/** The loadtest's definitions of its numbers (its README, "What the numbers mean"), in Korean. */
const DEFINITIONS =
  '숫자의 정의: 요청은 결과(성공 또는 한 종류의 실패)가 정해질 때 한 번 센다. 실패는 종류별로 센다 — refused(연결 거부), reset(보낸 뒤 연결 재설정), closed(응답 전에 연결 닫힘), timeout(제한 시간 안에 응답이 끝나지 않음), status(HTTP 500 등), malformed(해석할 수 없는 응답, Content-Length보다 긴 본문), other. req/s(처리량)는 성공 응답 수를 실행 자체의 시간(시작부터 멈춘 때까지, 남은 요청을 기다린 시간은 빼고)으로 나눈 값이고, 최대 req/s는 성공 응답이 가장 많았던 1초의 값이다. 응답 시간은 성공 응답만의 값이다. 실행이 멈출 때 열려 있던 요청은 제한 시간까지 기다린 뒤 timeout 실패로 센다(버리지 않는다). 첫 실패는 가장 먼저 보낸 실패한 요청이며, 그 사용자 수는 그 요청을 보낸 때 활동 중이던 사용자 수다. 같은 요청을 다시 보내는 것은 keep-alive 연결을 서버가 이미 닫은 경우(retries)뿐이다.';

export function methodFor(results: LabResults): string[] {
  const out: string[] = [];
  const p = results.profile;
  if (p && results.stress.length) {
    const engines =
      [...new Set(results.stress.flatMap((r) => (r.result ? [r.result.engine] : [])))].join(', ') || '—';
    out.push(
      `각 서버를 자식 프로세스로 실행하고(참조 서버: tsx servers/src/bin/serve.ts http --model <모델> --port 0), 준비 줄("listening on …")을 확인한 뒤 netlab 부하 생성기(@netlab/loadtest, 엔진: ${engines})로 모든 모델에 같은 프로필을 걸었다. 측정이 끝나면 서버에 SIGTERM을 보내 종료했다.`,
      `(1) 램프: 초당 ${fmtInt(p.ramp.spawnRate)}명씩 사용자를 늘려 최대 ${fmtInt(p.ramp.maxUsers)}명까지, 첫 실패에서 멈춘다 — 첫 실패 때의 사용자 수, 최대 req/s, 평균 응답 시간. (2) 고정 부하: 사용자 ${fmtInt(p.fixed.users)}명이 요청 ${fmtInt(p.fixed.requests)}개를 보낸다(최대 ${fmtInt(p.fixed.maxSec)}초) — 실패 수, req/s, 평균 응답 시간. 두 시나리오의 사용자는 대기 시간 없이 응답을 받자마자 다음 요청을 보낸다(닫힌 루프, closed loop).${
        p.open
          ? ` (3) 고정 도착률(열린 모델, open model): 응답과 상관없이 초당 ${fmtInt(p.open.rate)}개의 요청을 일정한 간격으로 ${fmtInt(p.open.durationSec)}초 동안 보내며(연결 ${fmtInt(p.open.connections)}개), 모든 모델이 같은 부하를 받는다. 응답 시간은 요청을 보내기로 예정된 시각부터 잰다(wrk2의 규칙). 초당 ${fmtInt(p.open.rate)}개는 모든 참조 모델이 2코어에서 감당하는 부하로 골랐다: 연결마다 Node 런타임을 새로 띄우는 multiprocess가 다른 일이 없는 2코어 머신에서 초당 10개와 15개는 99 백분위 약 100–160 ms로 처리했지만 초당 20개에서는 대기열이 쌓였다(중앙값 약 2.8초). 더 높은 도착률은 모델 비교가 아니라 그 대기열을 재게 된다.`
          : ''
      } 연결은 ${p.keepAlive ? 'keep-alive로 재사용' : '요청마다 새로 연결(Connection: close)'}했다. 요청 제한 시간은 ${fmtInt(p.ramp.timeoutSec)}초다.${p.quick ? ' (--quick: 짧은 프로필, 제한 시간이 실행 시간보다 짧아 응답하지 않는 서버도 실행 안에 실패로 보인다.)' : ''}`,
      DEFINITIONS,
    );
  }
  if (results.checks.length) {
    out.push(
      `과제 명세(assignments의 week3 spec)의 HTTP 검사를 서버마다 원시 TCP 소켓으로 보내고, 상태 코드·Content-Type·Content-Length·본문을 기대값과 비교했다. 채점기(grader)가 같은 검사를 실행한다.`,
    );
  }
  if (results.echo.length) {
    out.push(
      '에코 서버에 한 연결로 메시지를 보내고 같은 바이트가 돌아올 때까지의 왕복 시간을 메시지마다 재어 히스토그램으로 모았다. 출석 서버는 맞는 코드, 틀린 코드, 같은 학생의 재출석을 차례로 보내 응답과 CSV 기록을 확인했다.',
    );
  }
  return out;
}
