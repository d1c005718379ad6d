/** Each week's 과제 목표 (goal) and what the lab measured, in the course's words. */
import type { Week } from '../results.js';

export const WEEK_TITLE: Record<Week, string> = {
  2: 'TCP 에코 서버와 출석 서버 (TCP echo and attendance servers)',
  3: '소켓으로 만든 HTTP 파일 서버 (an HTTP file server on raw sockets)',
  5: '단일 프로세스·멀티프로세스·멀티스레드 서버 비교 (single, multiprocess, multithread)',
  6: 'select 다중화 웹 서버와 스트레스 테스트 (select server and stress test)',
};

export const GOALS: Record<Week, string[]> = {
  2: [
    'TCP 소켓으로 에코 서버와 클라이언트를 만들고, 연결·송신·수신·종료의 흐름을 이해한다.',
    '출석 서버(포트 5555)에 학번과 출석 코드를 보내 OK 응답을 받고, 서버가 학생마다 한 번만 기록하는지 확인한다.',
  ],
  3: [
    'socket 수준에서 HTTP/1.1 파일 서버를 구현한다: "/"는 index.html, 없는 파일은 404와 notfound.html, 확장자별 Content-Type, Content-Length.',
    '채점기가 실행하는 검사(상태 코드, MIME 타입, Content-Length, 잘못된 요청)를 통과하는지 표로 확인한다.',
  ],
  5: [
    '같은 요청 처리기를 단일 프로세스(반복형), 멀티프로세스, 멀티스레드 모델로 실행하고 같은 부하에서 성능을 비교한다.',
    '모델마다 최대 처리량(초당 성공 응답), 평균 응답 시간, 첫 실패가 나는 사용자 수를 측정하고 차이의 원인을 설명한다.',
  ],
  6: [
    'select(이벤트 루프)로 다중화한 웹 서버를 구현하고, 모든 서버 모델(single, multiprocess, prefork, multithread, threadpool, select)을 같은 스트레스 프로필로 비교한다.',
    '세 시나리오로 측정한다: (1) 일정한 속도(spawn rate)로 사용자를 늘려 첫 실패까지 — 첫 실패 때의 사용자 수, 최대 처리량, 평균 응답 시간; (2) 고정 부하 — 실패 수, 처리량, 평균 응답 시간; (3) 고정 도착률 — 모든 모델에 같은 부하를 걸었을 때의 응답 시간.',
    '어느 모델이 왜 이기는지 측정한 수치로 설명한다.',
  ],
};
