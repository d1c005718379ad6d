"""Week 2: a TCP echo server -- every byte a client sends comes back unchanged.

실행: python3 echo_server.py          (port 50007)
      python3 echo_server.py 9000     (다른 포트로 시험할 때)
확인: python3 echo_client.py 127.0.0.1 50007   또는  pnpm lab:week2 --server "python3 echo_server.py" --port 50007
"""

import socket
import sys

HOST = ''  # every interface, so a client on another PC can connect
PORT = 50007
BUFSIZE = 1024


def handle_client(conn, addr):
    """Echo everything this client sends until it closes its side.

    TODO (과제): recv() 한 번은 메시지의 일부만 돌려줄 수 있습니다 (TCP는 바이트 스트림).
    recv() 가 b'' 를 돌려줄 때까지 반복해서 받은 만큼 sendall() 로 돌려보내세요.
    지금 코드는 한 번만 받으므로 1024 바이트보다 긴 메시지에서 실패합니다.
    """
    data = conn.recv(BUFSIZE)
    if data:
        conn.sendall(data)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else PORT
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((HOST, port))
        server.listen(5)
        print(f'listening on port {server.getsockname()[1]}', flush=True)
        while True:
            conn, addr = server.accept()
            print(f'connected by {addr}')
            with conn:
                try:
                    handle_client(conn, addr)
                except OSError as e:  # one broken client must not stop the server
                    print(f'{addr}: {e}', file=sys.stderr)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        print('shutting down')
