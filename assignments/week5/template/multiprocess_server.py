"""Week 5: the week 3 file server, one child process per connection.

준비: 3주차의 http_handler.py 와 www/ 를 이 폴더로 복사하세요 (copy your week 3 http_handler.py and www/ here).
실행: python3 multiprocess_server.py [port]      (기본 8080)
비교: pnpm lab:week5 --server "python3 multiprocess_server.py" --port 8080
"""

import multiprocessing
import sys

from http_handler import listen_socket, serve_client

PORT = 8080


def shutdown(children):
    """Ctrl-C: stop every child and join() it, so no zombie process is left behind."""
    for child in children:
        if child.is_alive():
            child.terminate()
        child.join(timeout=1)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else PORT
    children = []
    with listen_socket(port) as server:
        try:
            while True:
                conn, _addr = server.accept()
                # TODO (과제): 연결마다 multiprocessing.Process(target=serve_client, args=(conn,)) 를 시작하고,
                #   부모는 conn.close() 로 자기 사본을 닫으세요 (닫지 않으면 클라이언트가 응답 끝을 모릅니다).
                #   끝난 자식은 children 에서 빼고 join() 하세요 (multiprocessing.active_children() 가 도와줍니다).
                #   지금은 부모가 직접 처리합니다 -- 단일 프로세스와 같습니다.
                serve_client(conn)
        except KeyboardInterrupt:
            print('shutting down')
            shutdown(children + multiprocessing.active_children())


if __name__ == '__main__':
    main()
