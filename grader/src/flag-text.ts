import type { Flag } from './flags.js';

/** What each flag means, for feedback files and the terminal summary (Korean, English). */
export const FLAG_TEXT: Record<Flag, { ko: string; en: string }> = {
  NO_SUBMISSION: { ko: '제출물이 없습니다 (0점).', en: 'Nothing was submitted (0 points).' },
  NO_CODE: { ko: '코드 파일이 없습니다 (서버·코드 점수 0).', en: 'No code files (server and code parts 0).' },
  NO_REPORT: { ko: 'PDF 보고서가 없습니다 (0점).', en: 'No PDF report (0 points).' },
  REPORT_FORMAT: {
    ko: '보고서가 PDF가 아닙니다 (.doc/.docx/.hwp는 채점하지 않음, 0점).',
    en: 'The report is not a PDF (.doc/.docx/.hwp are not graded, 0 points).',
  },
  REPORT_NAME: {
    ko: '보고서 파일명이 규칙과 다릅니다 (감점).',
    en: 'The report file name does not follow the rule (deduction).',
  },
  REPORT_SECTIONS: {
    ko: '보고서에 필수 항목 또는 그림이 부족하거나 읽을 수 없습니다.',
    en: 'The report lacks required sections or images, or could not be read.',
  },
  LOOPBACK: {
    ko: '보고서의 부하 테스트가 이 컴퓨터 자신(localhost, 127.0.0.1, 0.0.0.0)을 대상으로 했습니다: loopback은 NIC와 네트워크를 거치지 않습니다 (감점).',
    en: 'The report shows the load test ran against this machine (localhost, 127.0.0.1, 0.0.0.0): loopback never crosses a NIC (deduction).',
  },
  LATE: { ko: '마감 후 제출: 시작된 하루마다 감점.', en: 'Submitted late: a deduction per started day.' },
  PORT: {
    ko: '서버가 지정된 포트에서 동작하지 않거나 검사에 실패했습니다.',
    en: 'The server did not work on the required port or failed a check.',
  },
  BLOCKING: {
    ko: '서버가 한 번에 한 클라이언트만 처리합니다: 요청을 다 보내지 않은 클라이언트 하나의 recv가 다른 모든 클라이언트를 멈춥니다 (동시성 점수 0).',
    en: 'The server serves one client at a time: one client that has not sent its whole request stops everyone else in recv (concurrency part 0).',
  },
  LOAD: {
    ko: '부하 테스트의 기준(실패율, p95 응답 시간, 초당 성공 응답 수) 중 일부를 넘지 못했습니다 (기준마다 부하 점수 감점).',
    en: 'Under the load test the server missed a threshold (failure ratio, p95 response time, successful responses per second); each missed one costs its share of the load part.',
  },
  COPY: { ko: '표절로 판단되어 두 학생 모두 0점입니다.', en: 'Judged a copy: both students get 0.' },
  REVIEW: {
    ko: '유사도가 높아 조교가 검토합니다 (감점 없음).',
    en: 'High similarity, a TA will review it (no deduction).',
  },
  OVERRIDE: {
    ko: '교수자·조교가 점수 또는 판정을 조정했습니다 (사유는 세부 내용에).',
    en: 'An instructor or TA adjusted the score or a verdict (the reason is in the details).',
  },
};
