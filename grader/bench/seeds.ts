/**
 * Seed programs for the generated class: the week's tasks (echo, attendance, file server), each a
 * list of functions with alternative bodies. A generated student picks one body per function, so
 * students of one seed range from independent to near-identical — like a real class.
 */
export interface Seed {
  header: string;
  functions: string[][];
  footer: string;
  /** Names a copier might rename. */
  names: string[];
}

const serve = `def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen(5)
    while True:
        conn, addr = server.accept()
        handle(conn, addr)
        conn.close()
`;

const echo: Seed = {
  header: "import socket\n\nHOST = '127.0.0.1'\nPORT = 9000\n",
  functions: [
    [
      serve,
      `def main():
    with socket.create_server((HOST, PORT), reuse_port=False) as srv:
        print('echo server on', PORT)
        while True:
            conn, addr = srv.accept()
            with conn:
                handle(conn, addr)
`,
    ],
    [
      `def handle(conn, addr):
    while True:
        data = conn.recv(1024)
        if not data:
            break
        conn.sendall(data)
    print('closed', addr)
`,
      `def handle(conn, addr):
    total = 0
    chunk = conn.recv(4096)
    while chunk:
        total += len(chunk)
        conn.send(chunk)
        chunk = conn.recv(4096)
    log('%s sent %d bytes' % (addr[0], total))
`,
      `def handle(conn, addr):
    buffer = b''
    for _ in range(1000):
        part = conn.recv(512)
        if part == b'':
            return
        buffer += part
        if b'\\n' in buffer:
            line, buffer = buffer.split(b'\\n', 1)
            conn.sendall(line.upper() + b'\\n')
`,
    ],
    [
      `def log(message):
    print('[echo]', message)
`,
      `def log(message):
    with open('echo.log', 'a') as f:
        f.write(message + '\\n')
`,
    ],
  ],
  footer: "\nif __name__ == '__main__':\n    main()\n",
  names: [
    'conn',
    'addr',
    'data',
    'server',
    'srv',
    'total',
    'chunk',
    'buffer',
    'part',
    'line',
    'message',
    'handle',
    'log',
  ],
};

const attendance: Seed = {
  header: "import socket\nimport time\n\nHOST = '127.0.0.1'\nPORT = 9100\nCODE = 'NET2019'\nrecords = {}\n",
  functions: [
    [serve],
    [
      `def handle(conn, addr):
    text = conn.recv(1024).decode().strip()
    parts = text.split()
    if len(parts) != 2:
        conn.sendall(b'ERROR format\\n')
        return
    student, code = parts
    if check(student, code):
        records[student] = time.time()
        conn.sendall(b'OK\\n')
    else:
        conn.sendall(b'FAIL\\n')
`,
      `def handle(conn, addr):
    raw = b''
    while not raw.endswith(b'\\n'):
        more = conn.recv(64)
        if not more:
            break
        raw += more
    try:
        student, code = raw.decode('utf-8').split(',')
    except ValueError:
        conn.send('bad request'.encode())
        return
    reply = 'OK' if check(student.strip(), code.strip()) else 'NO'
    if reply == 'OK':
        records.setdefault(student.strip(), []).append(addr[0])
    conn.send((reply + '\\r\\n').encode())
`,
    ],
    [
      `def check(student, code):
    return student.isdigit() and len(student) == 10 and code == CODE
`,
      `def check(student, code):
    if code != CODE:
        return False
    for ch in student:
        if ch < '0' or ch > '9':
            return False
    return len(student) >= 8
`,
    ],
    [
      `def report():
    for student in sorted(records):
        print(student, records[student])
`,
      `def report():
    lines = ['%s,%s' % (k, v) for k, v in records.items()]
    with open('attendance.csv', 'w') as out:
        out.write('\\n'.join(lines))
`,
    ],
  ],
  footer: "\nif __name__ == '__main__':\n    main()\n",
  names: [
    'conn',
    'addr',
    'text',
    'parts',
    'student',
    'code',
    'raw',
    'more',
    'reply',
    'check',
    'report',
    'lines',
    'out',
    'ch',
  ],
};

const files: Seed = {
  header:
    "import os\nimport socket\n\nHOST = '127.0.0.1'\nPORT = 8080\nTYPES = {'.html': 'text/html', '.png': 'image/png', '.css': 'text/css'}\n",
  functions: [
    [serve],
    [
      `def handle(conn, addr):
    request = conn.recv(2048).decode('utf-8', 'replace')
    first = request.split('\\r\\n')[0].split(' ')
    path = first[1] if len(first) > 1 else '/'
    if path == '/':
        path = '/index.html'
    name = '.' + path
    if os.path.isfile(name):
        with open(name, 'rb') as f:
            body = f.read()
        conn.sendall(response('200 OK', body, kind(name)))
    else:
        conn.sendall(response('404 Not Found', NOT_FOUND, 'text/html'))
`,
      `def handle(conn, addr):
    head = b''
    while b'\\r\\n\\r\\n' not in head:
        piece = conn.recv(1024)
        if not piece:
            return
        head += piece
    method, target = head.decode().split()[:2]
    target = 'index.html' if target == '/' else target[1:]
    try:
        data = open(target, 'rb').read()
        status = '200 OK'
    except OSError:
        data, status = NOT_FOUND, '404 Not Found'
    conn.send(response(status, data, kind(target)))
`,
    ],
    [
      `def response(status, body, ctype):
    lines = ['HTTP/1.1 ' + status, 'Content-Type: ' + ctype, 'Content-Length: ' + str(len(body)), '', '']
    return '\\r\\n'.join(lines).encode() + body
`,
      `def response(status, body, ctype):
    header = 'HTTP/1.0 %s\\r\\nContent-Type: %s\\r\\nContent-Length: %d\\r\\n\\r\\n' % (status, ctype, len(body))
    return header.encode('ascii') + body
`,
    ],
    [
      `def kind(name):
    ext = os.path.splitext(name)[1].lower()
    return TYPES.get(ext, 'application/octet-stream')
`,
      `def kind(name):
    for ext, ctype in TYPES.items():
        if name.endswith(ext):
            return ctype
    return 'text/plain'
`,
    ],
  ],
  footer:
    "\nNOT_FOUND = b'<html><body><h1>404 Not Found</h1></body></html>'\n\nif __name__ == '__main__':\n    main()\n",
  names: [
    'conn',
    'addr',
    'request',
    'first',
    'path',
    'name',
    'body',
    'head',
    'piece',
    'target',
    'data',
    'status',
    'lines',
    'header',
    'ext',
    'ctype',
    'response',
    'kind',
  ],
};

export const seeds: Seed[] = [echo, attendance, files];
