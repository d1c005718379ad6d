"""Week 5: the week 3 file server, one thread per connection.

준비: 3주차의 http_handler.py 와 www/ 를 이 폴더로 복사하세요 (copy your week 3 http_handler.py and www/ here).
실행: python3 multithread_server.py [port]      (기본 8080)
비교: pnpm lab:week5 --server "python3 multithread_server.py" --port 8080
"""

import sys
import threading

from http_handler import listen_socket, serve_client

PORT = 8080


def shutdown(threads, timeout=1.0):
    """Ctrl-C: give running requests a moment to finish (join with a timeout), then exit."""
    for thread in threads:
        thread.join(timeout=timeout)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else PORT
    threads = []
    with listen_socket(port) as server:
        try:
            while True:
                conn, _addr = server.accept()
                # TODO (과제): 연결마다 threading.Thread(target=serve_client, args=(conn,), daemon=True) 를
                #   시작하고 threads 에 넣으세요. 끝난 스레드는 가끔 목록에서 지우세요 (is_alive()).
                #   지금은 메인 스레드가 직접 처리합니다 -- 단일 프로세스와 같습니다.
                serve_client(conn)
        except KeyboardInterrupt:
            print('shutting down')
            shutdown(threads)


if __name__ == '__main__':
    main()
