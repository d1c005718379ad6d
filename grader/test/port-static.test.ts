import { describe, expect, it } from '@jest/globals';
import { findBoundPorts } from '../src/checks/port-static.js';

describe('findBoundPorts', () => {
  it.each<[string, string, number[]]>([
    ['literal tuple', "s.bind(('', 8080))\ns.listen(5)", [8080]],
    ['host and literal', 's.bind(("127.0.0.1", 9000))', [9000]],
    ['named constant', "PORT = 8080\nHOST = ''\ns.bind((HOST, PORT))", [8080]],
    ['annotated constant', 'SERVER_PORT: int = 7000\nsock.bind(("0.0.0.0", SERVER_PORT))', [7000]],
    ['attribute', 'class C:\n    port = 8081\ns.bind(("", self.port))', [8081]],
    ['http.server', "HTTPServer(('', 8000), Handler).serve_forever()", [8000]],
    ['socketserver tuple constant', 'ADDRESS = ("127.0.0.1", 8080)\nsocketserver.TCPServer(ADDRESS, H)', []],
    ['backlog is not a port', 's.listen(5)\ns.listen(128)', []],
    [
      'a named backlog is not a port',
      "PORT = 8080\nBACKLOG = 512\ns.bind(('', PORT))\ns.listen(BACKLOG)",
      [8080],
    ],
    [
      'a helper with a backlog default',
      "def serve(port, backlog=128):\n    s.bind(('', port))\n    s.listen(backlog)\nserve(8080)",
      [],
    ],
    ['comment ignored', "# s.bind(('', 1234))\ns.bind(('', 4321))", [4321]],
    ['java', 'ServerSocket server = new ServerSocket(6789);', [6789]],
    ['from argv', 's.bind(("", int(sys.argv[1])))', []],
    ['two servers', "a.bind(('', 80))\nb.bind(('', 8080))", [80, 8080]],
  ])('%s', (_name, source, ports) => {
    expect(findBoundPorts(source)).toEqual(ports);
  });
});
