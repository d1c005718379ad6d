"""Week 6: the file server multiplexed with select() -- one process, one thread, many clients.

준비: 3주차의 http_handler.py 와 www/ 를 이 폴더로 복사하세요 (copy your week 3 http_handler.py and www/ here).
실행: python3 select_server.py [port]      (기본 8080)
비교: pnpm lab:week6 --server "python3 select_server.py" --port 8080
참고: man 2 select -- select() 는 여러 소켓 중 읽기/쓰기 준비가 된 것을 알려 줍니다.
"""

import select

from http_handler import handle_request, listen_socket, port_from_argv

PORT = 8080
MAX_REQUEST = 65536


class Clients:
    """Every socket select() watches, and the bytes in flight for each client."""

    def __init__(self, server):
        self.readable = [server]  # a new connection, or request bytes, can be read
        self.writable = []  # a response is waiting to be sent
        self.inbox = {}  # socket -> request bytes received so far
        self.outbox = {}  # socket -> response bytes not yet sent

    def add(self, conn):
        conn.setblocking(False)
        self.readable.append(conn)
        self.inbox[conn] = b''

    def respond(self, sock, response):
        """Stop reading from sock and queue its response."""
        self.readable.remove(sock)
        self.writable.append(sock)
        self.outbox[sock] = response

    def close(self, sock):
        for watched in (self.readable, self.writable):
            if sock in watched:
                watched.remove(sock)
        self.inbox.pop(sock, None)
        self.outbox.pop(sock, None)
        sock.close()


def on_readable(clients, sock):
    """Request bytes (or the client's close) arrived on sock.

    TODO (과제): 지금은 recv() 한 번에 요청 전체가 온다고 가정합니다. 요청은 여러 조각으로 올 수 있으니
      clients.inbox[sock] 에 이어 붙이고, 헤더 끝(b'\\r\\n\\r\\n')이 도착했을 때만 응답을 만드세요.
      recv() 가 b'' 이면 클라이언트가 닫은 것이니 clients.close(sock). MAX_REQUEST 를 넘으면 더 기다리지 말고 응답하세요.
    """
    clients.inbox[sock] += sock.recv(4096)
    clients.respond(sock, handle_request(clients.inbox[sock]))


def on_writable(clients, sock):
    """sock can take more of its response.

    TODO (과제): sendall() 은 논블로킹 소켓에서 큰 파일을 다 보내지 못하고 BlockingIOError 를 냅니다.
      sent = sock.send(clients.outbox[sock]) 로 보낸 만큼 잘라 내고, 다 보냈을 때만 clients.close(sock) 하세요.
    """
    sock.sendall(clients.outbox[sock])
    clients.close(sock)


def main():
    server = listen_socket(port_from_argv(PORT))
    server.setblocking(False)
    clients = Clients(server)
    try:
        while True:
            r_list, w_list, _ = select.select(clients.readable, clients.writable, [])
            for sock in r_list:
                if sock is server:
                    conn, _addr = server.accept()
                    clients.add(conn)
                else:
                    on_readable(clients, sock)
            for sock in w_list:
                on_writable(clients, sock)
    except KeyboardInterrupt:
        print('shutting down')
    finally:
        for sock in clients.readable + clients.writable:
            sock.close()


if __name__ == '__main__':
    main()
