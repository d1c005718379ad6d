"""Week 2 (in class): mark your attendance on the TA's server.

실행: python3 attendance_client.py <서버 IP> 5555 <학번> <출석 코드>
서버는 '<학번> <코드>\\n' 한 줄을 받고 'OK' (출석 완료) 또는 'FAIL ...' (이유) 한 줄로 답합니다.
"""

import socket
import sys


def attend(host, port, student_id, code):
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(f'{student_id} {code}\n'.encode('utf-8'))
        reply = b''
        while not reply.endswith(b'\n'):
            chunk = sock.recv(1024)
            if not chunk:
                break
            reply += chunk
    return reply.decode('utf-8', errors='replace').strip()


def main():
    if len(sys.argv) != 5:
        sys.exit('usage: python3 attendance_client.py <host> <port> <student_id> <code>')
    host, port, student_id, code = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    reply = attend(host, port, student_id, code)
    print(reply)
    sys.exit(0 if reply == 'OK' else 1)


if __name__ == '__main__':
    main()
