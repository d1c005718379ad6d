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


def close_client(sock, readable, writable, inbox, outbox):
    for watched in (readable, writable):
        if sock in watched:
            watched.remove(sock)
    inbox.pop(sock, None)
    outbox.pop(sock, None)
    sock.close()


def main():
    server = listen_socket(port_from_argv(PORT))
    server.setblocking(False)
    readable = [server]  # sockets select() watches for incoming data (or a new connection)
    writable = []  # sockets with a response still to send
    inbox = {}  # socket -> request bytes received so far
    outbox = {}  # socket -> response bytes not yet sent
    try:
        while True:
            r_list, w_list, e_list = select.select(readable, writable, readable)
            for sock in r_list:
                if sock is server:
                    conn, _addr = server.accept()
                    conn.setblocking(False)
                    readable.append(conn)
                    inbox[conn] = b''
                    continue
                # TODO (과제): 지금은 recv() 한 번에 요청 전체가 온다고 가정합니다. 요청은 여러 조각으로 올 수 있으니
                #   inbox[sock] 에 이어 붙이고, 헤더 끝(b'\r\n\r\n')이 도착했을 때만 응답을 만드세요.
                #   b'' 이면 클라이언트가 닫은 것이니 close_client(...) 하세요. MAX_REQUEST 보다 길면 400 으로 답하세요.
                inbox[sock] += sock.recv(4096)
                outbox[sock] = handle_request(inbox[sock])
                readable.remove(sock)
                writable.append(sock)
            for sock in w_list:
                # TODO (과제): sendall() 은 논블로킹 소켓에서 큰 파일을 다 보내지 못하고 BlockingIOError 를 냅니다.
                #   sent = sock.send(outbox[sock]) 로 보낸 만큼 잘라 내고, 다 보냈을 때만 close_client(...) 하세요.
                sock.sendall(outbox[sock])
                close_client(sock, readable, writable, inbox, outbox)
            for sock in e_list:
                if sock is not server:
                    close_client(sock, readable, writable, inbox, outbox)
    except KeyboardInterrupt:
        print('shutting down')
    finally:
        for sock in readable + writable:
            sock.close()


if __name__ == '__main__':
    main()
