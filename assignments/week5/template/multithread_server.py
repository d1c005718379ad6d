"""Week 5: the week 3 file server, one thread per connection.

준비: 3주차의 http_handler.py 와 www/ 를 이 폴더로 복사하세요 (copy your week 3 http_handler.py and www/ here).
실행: python3 multithread_server.py [port]      (기본 8080)
비교: pnpm lab:week5 --server "python3 multithread_server.py" --port 8080
"""

import threading

from http_handler import port_from_argv, serve_client, serve_forever

PORT = 8080


def dispatch(conn):
    """Hand one accepted connection to a new thread.

    TODO (과제): threading.Thread(target=serve_client, args=(conn,), daemon=True) 를 시작하세요.
      스레드는 메모리를 공유하므로 conn 을 닫는 것은 serve_client 가 합니다 (부모가 닫으면 안 됩니다).
      지금은 메인 스레드가 직접 처리합니다 -- 단일 프로세스와 같습니다.
    """
    serve_client(conn)


def shutdown(timeout=1.0):
    """Ctrl-C: give running requests a moment to finish (join with a timeout), then exit."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(timeout=timeout)


if __name__ == '__main__':
    serve_forever(port_from_argv(PORT), dispatch, shutdown)
