"""HTTP request handling shared by every server model (week 3, 5 and 6).

네트워크 과제용 HTTP 처리 모듈: 서버 모델(단일 프로세스, 멀티프로세스, 멀티스레드, select)이
모두 이 모듈의 handle_request()를 호출합니다. handle_request 는 bytes -> bytes 입니다.

Given (완성됨): parse_request_line, resolve_path, content_type_for, build_response,
                listen_socket, recv_request, serve_client, serve_forever, port_from_argv.
Your job (할 일): handle_request -- see the TODO below. Copy this file to weeks 5 and 6.
"""

import mimetypes
import os
import socket
import sys

# www/ next to this file, so the server works whatever the current directory is.
WWW_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'www')
INDEX_PAGE = 'index.html'
NOT_FOUND_PAGE = 'notfound.html'

REASONS = {
    200: 'OK',
    400: 'Bad Request',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
    501: 'Not Implemented',
}


def parse_request_line(request):
    """Return (method, path, version) from the raw request bytes, or None if the line is malformed.

    요청 줄은 'GET /index.html HTTP/1.1' 처럼 정확히 세 단어여야 합니다.
    Anything else (one word, four words, not UTF-8, no CRLF) is a 400 Bad Request.
    """
    line, sep, _ = request.partition(b'\r\n')
    if not sep:
        return None
    try:
        parts = line.decode('ascii').split(' ')
    except UnicodeDecodeError:
        return None
    if len(parts) != 3 or not parts[1].startswith('/') or not parts[2].startswith('HTTP/'):
        return None
    return parts[0], parts[1], parts[2]


def resolve_path(url_path, root=WWW_ROOT):
    """Map a URL path to a file under root, or None if it would escape root ('/../etc/passwd').

    '/' 는 index.html 로 바꿉니다. 쿼리 문자열(?a=1)은 무시합니다.
    """
    path = url_path.split('?', 1)[0]
    if path.endswith('/'):
        path += INDEX_PAGE
    full = os.path.realpath(os.path.join(root, path.lstrip('/')))
    if os.path.commonpath([full, os.path.realpath(root)]) != os.path.realpath(root):
        return None
    return full


def content_type_for(file_path):
    """MIME type by extension; text types get a charset. Unknown files are sent as bytes."""
    mime, _ = mimetypes.guess_type(file_path)
    if mime is None:
        return 'application/octet-stream'
    if mime.startswith('text/'):
        return mime + '; charset=utf-8'
    return mime


def build_response(status, body=b'', content_type='text/html; charset=utf-8', extra_headers=None):
    """Status line + headers + blank line + body, with CRLF line ends and a correct Content-Length.

    body 는 bytes 여야 합니다 (이미지도 그대로). 파일은 항상 'rb' 로 여세요.
    """
    headers = [
        f'HTTP/1.1 {status} {REASONS.get(status, "Unknown")}',
        f'Content-Type: {content_type}',
        f'Content-Length: {len(body)}',
        'Connection: close',
    ]
    headers += [f'{name}: {value}' for name, value in (extra_headers or {}).items()]
    return ('\r\n'.join(headers) + '\r\n\r\n').encode('ascii') + body


def read_file(file_path):
    with open(file_path, 'rb') as f:
        return f.read()


def handle_request(request):
    """Turn one raw HTTP request (bytes) into one raw HTTP response (bytes).

    TODO (과제):
      1. parse_request_line() 이 None 이면 400 Bad Request.
      2. GET 이 아니면 405 Method Not Allowed.
      3. resolve_path() 로 파일을 찾고, 없으면(또는 None 이면) 404 와 함께 notfound.html 본문을 보냅니다.
      4. 있으면 200 OK, content_type_for() 의 Content-Type, 파일 내용(bytes)을 보냅니다.
    """
    if parse_request_line(request) is None:
        return build_response(400, b'<h1>400 Bad Request</h1>')
    return build_response(501, b'<h1>501 Not Implemented</h1><p>TODO: serve files from www/</p>')


def listen_socket(port, host=''):
    """A listening TCP socket; host '' means every interface, so a load generator on another PC can reach it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(128)
    print(f'listening on port {server.getsockname()[1]}', flush=True)
    return server


def recv_request(conn, limit=65536):
    """Read until the blank line that ends the headers (a request can arrive in several pieces)."""
    data = b''
    while b'\r\n\r\n' not in data and len(data) < limit:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def serve_client(conn):
    """One connection, one request, one response, then close (Connection: close)."""
    with conn:
        try:
            request = recv_request(conn)
            if request:
                conn.sendall(handle_request(request))
        except OSError as e:  # a client that hangs up early must not stop the server
            print(f'client error: {e}', flush=True)


def port_from_argv(default):
    """python3 server.py [port]: the port to test on; the grader runs it without one (the spec's port)."""
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def serve_forever(port, dispatch, shutdown=None):
    """Accept connections forever and hand each to dispatch(conn); on Ctrl-C call shutdown() and return.

    서버 모델마다 다른 것은 dispatch 뿐입니다: 직접 처리(단일 프로세스), 프로세스, 스레드.
    """
    with listen_socket(port) as server:
        try:
            while True:
                conn, _addr = server.accept()
                dispatch(conn)
        except KeyboardInterrupt:
            print('shutting down')
            if shutdown is not None:
                shutdown()
