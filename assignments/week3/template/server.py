"""Week 3: a single-process HTTP file server on raw sockets.

실행: python3 server.py          (port 8080)
      python3 server.py 9000     (다른 포트로 시험할 때)
확인: curl -i http://127.0.0.1:8080/   또는  pnpm lab:week3 --server "python3 server.py" --port 8080
"""

import sys

from http_handler import listen_socket, serve_client

PORT = 8080


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else PORT
    with listen_socket(port) as server:
        while True:
            conn, _addr = server.accept()
            serve_client(conn)  # one client at a time: the next waits in the listen backlog


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        print('shutting down')
