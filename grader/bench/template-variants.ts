/**
 * What week-6 students write into the handout (assignments/week6/template): several independent ways
 * to do each TODO, as students of one class do. A line ending `## L4: <text>` is written as <text> by
 * a copier who restructures statements (level 4 and up); a line ending `## L5+` is a statement a
 * level-5 copier adds, `## L5-` one they drop. Names in NAMES are what a level-2+ copier renames.
 */

export const onReadable = [
  `def on_readable(clients, sock):
    """Request bytes (or the client's close) arrived on sock."""
    chunk = sock.recv(4096)
    if not chunk:  ## L4: if len(chunk) == 0:
        clients.close(sock)
        return
    clients.inbox[sock] += chunk
    request = clients.inbox[sock]
    if b'\\r\\n\\r\\n' in request or len(request) > MAX_REQUEST:
        clients.respond(sock, handle_request(request))
    print('read', len(chunk), 'bytes')  ## L5+
`,
  `def on_readable(clients, sock):
    try:
        data = sock.recv(2048)
    except ConnectionResetError:
        data = b''
    if data == b'':
        clients.close(sock)
    else:
        buf = clients.inbox[sock] + data
        clients.inbox[sock] = buf
        done = buf.find(b'\\r\\n\\r\\n') >= 0  ## L4: done = b'\\r\\n\\r\\n' in buf
        if done or len(buf) >= MAX_REQUEST:
            response = handle_request(buf)
            clients.respond(sock, response)
`,
  `def on_readable(clients, sock):
    received = sock.recv(1024)
    if received:
        clients.inbox[sock] = clients.inbox[sock] + received  ## L4: clients.inbox[sock] += received
        if header_complete(clients.inbox[sock]):
            clients.respond(sock, handle_request(clients.inbox[sock]))
        return
    clients.close(sock)


def header_complete(request):
    if len(request) > MAX_REQUEST:
        return True
    return request.endswith(b'\\r\\n\\r\\n') or b'\\r\\n\\r\\n' in request  ## L5-
`,
  `def on_readable(clients, sock):
    while True:
        try:
            part = sock.recv(8192)
        except BlockingIOError:
            break
        if len(part) == 0:
            clients.close(sock)
            return
        clients.inbox[sock] += part
        if len(clients.inbox[sock]) > MAX_REQUEST:
            break
    head = clients.inbox[sock]
    if b'\\r\\n\\r\\n' in head or len(head) > MAX_REQUEST:
        clients.respond(sock, handle_request(head))
`,
  `def on_readable(clients, sock):
    incoming = sock.recv(4096)
    total = len(clients.inbox[sock]) + len(incoming)
    if not incoming:
        print('client closed', sock.fileno())  ## L5-
        clients.close(sock)
    elif total > MAX_REQUEST:
        clients.respond(sock, handle_request(clients.inbox[sock] + incoming))
    else:
        clients.inbox[sock] += incoming
        end = clients.inbox[sock].find(b'\\r\\n\\r\\n')
        if end != -1:
            clients.respond(sock, handle_request(clients.inbox[sock][: end + 4]))
`,
];

export const onWritable = [
  `def on_writable(clients, sock):
    """sock can take more of its response."""
    sent = sock.send(clients.outbox[sock])
    clients.outbox[sock] = clients.outbox[sock][sent:]
    if not clients.outbox[sock]:  ## L4: if len(clients.outbox[sock]) == 0:
        clients.close(sock)
`,
  `def on_writable(clients, sock):
    pending = clients.outbox[sock]
    try:
        n = sock.send(pending)
    except (BlockingIOError, InterruptedError):
        return
    except OSError:
        clients.close(sock)
        return
    rest = pending[n:]
    clients.outbox[sock] = rest
    if len(rest) == 0:
        clients.close(sock)
`,
  `def on_writable(clients, sock):
    out = clients.outbox.get(sock, b'')
    if out:
        count = sock.send(out[:65536])
        clients.outbox[sock] = out[count:]
        print('sent', count)  ## L5+
    if not clients.outbox[sock]:
        clients.close(sock)
`,
  `def on_writable(clients, sock):
    data = clients.outbox[sock]
    written = 0
    while written < len(data):
        try:
            written += sock.send(data[written:])
        except BlockingIOError:
            break
    clients.outbox[sock] = data[written:]  ## L4: clients.outbox[sock] = data[written:len(data)]
    if written == len(data):
        clients.close(sock)
`,
];

export const helpers = [
  `def log(message):
    print(time.strftime('%H:%M:%S'), message)
`,
  `def stats(clients):
    return 'clients: %d reading, %d writing' % (len(clients.readable) - 1, len(clients.writable))
`,
  `def drop_idle(clients, started, now, limit=30):
    for sock in list(started):
        if now - started[sock] > limit:
            clients.close(sock)
            del started[sock]
`,
];

/** main() changed from the handout's (which students keep, mostly): a timeout, exceptional sockets. */
export const mainBodies = [
  `def main():
    server = listen_socket(port_from_argv(PORT))
    server.setblocking(False)
    clients = Clients(server)
    try:
        while True:
            r_list, w_list, x_list = select.select(clients.readable, clients.writable, clients.readable, 1.0)
            for sock in x_list:
                clients.close(sock)
            for sock in r_list:
                if sock is server:
                    try:
                        conn, _addr = server.accept()
                    except BlockingIOError:
                        continue
                    clients.add(conn)
                elif sock in clients.inbox:
                    on_readable(clients, sock)
            for sock in w_list:
                if sock in clients.outbox:
                    on_writable(clients, sock)
    except KeyboardInterrupt:
        print('bye')
    finally:
        for sock in clients.readable + clients.writable:
            sock.close()
`,
];

export const locustTasks = [
  `    @task(1)
    def logo(self):
        self.client.get('/logo.png')

    @task(1)
    def missing(self):
        with self.client.get('/no-such-page.html', catch_response=True) as r:
            r.success()
`,
  `    @task(2)
    def image(self):
        self.client.get('/logo.png', name='png')

    @task(1)
    def not_found(self):
        with self.client.get('/nothing-here', catch_response=True) as response:
            if response.status_code == 404:
                response.success()
            else:
                response.failure('expected 404, got %d' % response.status_code)
`,
  `    @task
    def png_and_404(self):
        self.client.get('/logo.png')
        with self.client.get('/missing.html', catch_response=True) as res:
            res.success()
`,
];

/** Names a level-2+ copier renames (their own functions' locals and helpers, never the handout's API). */
export const NAMES = [
  'chunk',
  'request',
  'data',
  'buf',
  'done',
  'response',
  'received',
  'header_complete',
  'part',
  'head',
  'incoming',
  'total',
  'end',
  'sent',
  'pending',
  'n',
  'rest',
  'out',
  'count',
  'written',
  'log',
  'message',
  'stats',
  'drop_idle',
  'r_list',
  'w_list',
  'conn',
  'server',
];
