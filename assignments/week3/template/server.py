"""Week 3: a single-process HTTP file server on raw sockets.

실행: python3 server.py          (port 8080)
      python3 server.py 9000     (다른 포트로 시험할 때)
확인: curl -i http://127.0.0.1:8080/   또는  pnpm lab:week3 --server "python3 server.py" --port 8080
"""

from http_handler import port_from_argv, serve_client, serve_forever

PORT = 8080

if __name__ == '__main__':
    # One client at a time: the next one waits in the listen backlog until serve_client returns.
    serve_forever(port_from_argv(PORT), serve_client)
