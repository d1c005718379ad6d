"""Week 5: the week 3 file server, one child process per connection.

준비: 3주차의 http_handler.py 와 www/ 를 이 폴더로 복사하세요 (copy your week 3 http_handler.py and www/ here).
실행: python3 multiprocess_server.py [port]      (기본 8080)
비교: pnpm lab:week5 --server "python3 multiprocess_server.py" --port 8080
"""

import multiprocessing

from http_handler import port_from_argv, serve_client, serve_forever

PORT = 8080


def dispatch(conn):
    """Hand one accepted connection to a new child process.

    TODO (과제): multiprocessing.Process(target=serve_client, args=(conn,)) 를 시작하고, 부모는 conn.close() 로
      자기 사본을 닫으세요 (닫지 않으면 클라이언트가 응답의 끝을 알 수 없습니다).
      끝난 자식은 multiprocessing.active_children() 를 부르면 join 됩니다 (좀비 프로세스 방지).
      지금은 부모가 직접 처리합니다 -- 단일 프로세스와 같습니다.
    """
    serve_client(conn)


def shutdown():
    """Ctrl-C: stop every child and join() it, so no zombie process is left behind."""
    for child in multiprocessing.active_children():
        child.terminate()
        child.join(timeout=1)


if __name__ == '__main__':
    serve_forever(port_from_argv(PORT), dispatch, shutdown)
