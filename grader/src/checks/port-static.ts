/**
 * Port numbers a server's source binds or listens on, found without running it:
 * a literal in `bind((host, 8080))`, `listen(8080)`, `HTTPServer(('', 8080), …)`, `ServerSocket(8080)`,
 * or a name in those calls assigned a literal (`PORT = 8080`).
 */
export function findBoundPorts(source: string): number[] {
  const code = source.replace(/#[^\n]*/g, '');
  const ports = new Set<number>();
  const calls =
    /\b(?:bind|listen|create_server|HTTPServer|TCPServer|ThreadingHTTPServer|ServerSocket|InetSocketAddress)\s*\(\s*\(?\s*(?:[^,()]*?,\s*)?([A-Za-z_][\w.]*|\d{1,5})\s*\)?/g;
  for (const m of code.matchAll(calls)) {
    const arg = m[1] ?? '';
    if (/^\d+$/.test(arg)) addPort(ports, Number(arg), m[0]);
    else for (const value of assignedLiterals(code, arg.split('.').pop() ?? arg)) ports.add(value);
  }
  return [...ports].sort((a, b) => a - b);
}

function addPort(ports: Set<number>, port: number, call: string): void {
  // `listen(5)` is a backlog, not a port.
  if (/\blisten\s*\(\s*\d+\s*\)/.test(call) && port < 1024) return;
  if (port >= 1 && port <= 65535) ports.add(port);
}

function assignedLiterals(code: string, name: string): number[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assign = new RegExp(`(?:^|[^\\w.])${escaped}\\s*(?::\\s*int\\s*)?=\\s*(\\d{1,5})\\b`, 'gm');
  return [...code.matchAll(assign)].map((m) => Number(m[1])).filter((p) => p >= 1 && p <= 65535);
}
