/** How the numbers were obtained, written from the run's own profile. */
import { fmtInt } from '../format.js';
import type { LabResults } from '../results.js';

export function methodFor(results: LabResults): string[] {
  const out: string[] = [];
  const p = results.profile;
  if (p && results.stress.length) {
    const engines =
      [...new Set(results.stress.flatMap((r) => (r.result ? [r.result.engine] : [])))].join(', ') || '—';
    out.push(
      `각 서버를 자식 프로세스로 실행하고(참조 서버: tsx servers/src/bin/serve.ts http --model <모델> --port 0), 준비 줄("listening on …")을 확인한 뒤 netlab 부하 생성기(@netlab/loadtest, 엔진: ${engines})로 모든 모델에 같은 프로필을 걸었다. 측정이 끝나면 서버에 SIGTERM을 보내 종료했다.`,
      `(1) 램프: 초당 ${fmtInt(p.ramp.spawnRate)}명씩 사용자를 늘려 최대 ${fmtInt(p.ramp.maxUsers)}명까지, 첫 실패에서 멈춘다 — 첫 실패 때의 사용자 수, 최대 RPS, 평균 응답 시간. (2) 고정 부하: 사용자 ${fmtInt(p.fixed.users)}명이 요청 ${fmtInt(p.fixed.requests)}개를 보낸다(최대 ${p.fixed.maxSec}초) — 실패 수, RPS, 평균 응답 시간. 사용자는 대기 시간 없이(closed loop) 요청하며, 연결은 ${p.keepAlive ? 'keep-alive로 재사용' : '요청마다 새로 연결(Connection: close)'}했다. 요청 제한 시간 ${p.fixed.timeoutSec}초를 넘기면 실패로 센다.${p.quick ? ' (--quick: 짧은 프로필)' : ''}`,
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
