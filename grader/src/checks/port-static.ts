/**
 * Port numbers a server's source binds, found without running it: a literal in `bind((host, 8080))`,
 * `HTTPServer(('', 8080), …)`, `ServerSocket(8080)`, or a name in those calls assigned a literal (`PORT = 8080`).
 * `listen(n)` is not read: in Python's socket API its one argument is the backlog, never a port.
 */
export function findBoundPorts(source: string): number[] {
  const code = source.replace(/#[^\n]*/g, '');
  const ports = new Set<number>();
  const calls =
    /\b(?:bind|create_server|HTTPServer|TCPServer|ThreadingHTTPServer|ServerSocket|InetSocketAddress)\s*\(\s*\(?\s*(?:[^,()]*?,\s*)?([A-Za-z_][\w.]*|\d{1,5})\s*\)?/g;
  for (const m of code.matchAll(calls)) {
    const arg = m[1] ?? '';
    if (/^\d+$/.test(arg)) addPort(ports, Number(arg));
    else for (const value of assignedLiterals(code, arg.split('.').pop() ?? arg)) ports.add(value);
  }
  return [...ports].sort((a, b) => a - b);
}

function addPort(ports: Set<number>, port: number): void {
  if (port >= 1 && port <= 65535) ports.add(port);
}

function assignedLiterals(code: string, name: string): number[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assign = new RegExp(`(?:^|[^\\w.])${escaped}\\s*(?::\\s*int\\s*)?=\\s*(\\d{1,5})\\b`, 'gm');
  return [...code.matchAll(assign)].map((m) => Number(m[1])).filter((p) => p >= 1 && p <= 65535);
}
