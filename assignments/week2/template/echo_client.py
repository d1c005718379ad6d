"""Week 2: a TCP echo client -- sends each line you type and prints what comes back.

실행: python3 echo_client.py [host] [port]     (기본값 127.0.0.1 50007)
빈 줄을 입력하거나 Ctrl-D 를 누르면 끝납니다.
"""

import socket
import sys

HOST = '127.0.0.1'
PORT = 50007
BUFSIZE = 1024


def recv_exactly(sock, size):
    """Receive exactly size bytes (fewer only if the server closes first)."""
    data = b''
    while len(data) < size:
        chunk = sock.recv(min(BUFSIZE, size - len(data)))
        if not chunk:
            break
        data += chunk
    return data


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else HOST
    port = int(sys.argv[2]) if len(sys.argv) > 2 else PORT
    with socket.create_connection((host, port), timeout=5) as sock:
        for line in sys.stdin:
            if not line.strip():
                break
            message = line.encode('utf-8')
            sock.sendall(message)
            reply = recv_exactly(sock, len(message))
            print(f'echo: {reply.decode("utf-8", errors="replace")}', end='')


if __name__ == '__main__':
    main()
