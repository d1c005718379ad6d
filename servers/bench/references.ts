import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { freePort } from '@netlab/kit';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Running {
  port: number;
  /** The server's process, where a probe reads its memory or signals it. */
  child?: ChildProcess;
  stop(): Promise<void>;
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Waits until something accepts connections on the port. */
export async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`reference server exited (${child.exitCode}) before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listening on ${port}`);
}

// The usual node:http file server: the file is read on every request, as a first version would do.
const NODE_HTTP_SOURCE = `
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const [root, keepAlive, port] = process.argv.slice(1);
const server = http.createServer((req, res) => {
  const file = path.join(root, req.url === '/' ? 'index.html' : path.normalize(req.url).replace(/^[/\\\\]+/, ''));
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404); res.end(); return; }
    if (keepAlive !== '1') res.shouldKeepAlive = false;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 10000;
server.listen({ port: Number(port), host: '127.0.0.1', backlog: 511 });
process.on('SIGTERM', () => server.close(() => process.exit(0)) && server.closeAllConnections());
`;

// The floor for Node with a new connection per request: one cached reply per connection, then close.
const BARE_NET_SOURCE = `
const net = require('node:net');
const fs = require('node:fs');
const [file, port] = process.argv.slice(1);
const body = fs.readFileSync(file);
const head = Buffer.from('HTTP/1.1 200 OK\\r\\nContent-Type: text/html; charset=utf-8\\r\\nContent-Length: ' + body.length + '\\r\\nConnection: close\\r\\n\\r\\n');
const server = net.createServer((s) => { s.on('error', () => {}); s.once('data', () => { s.cork(); s.write(head); s.end(body); s.uncork(); }); });
server.listen({ port: Number(port), host: '127.0.0.1', backlog: 511 });
process.on('SIGTERM', () => process.exit(0));
`;

async function startScript(source: string, args: string[]): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', source, ...args, String(port)], { stdio: 'inherit' });
  await waitForPort(port, child);
  return { port, stop: () => stopChild(child) };
}

export function startNodeHttp(root: string, keepAlive: boolean): Promise<Running> {
  return startScript(NODE_HTTP_SOURCE, [root, keepAlive ? '1' : '0']);
}

/** A bare node:net server answering one cached reply per connection (only meaningful with Connection: close). */
export function startBareNet(file: string): Promise<Running> {
  return startScript(BARE_NET_SOURCE, [file]);
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * nginx from Debian with 2 workers on a loopback port, from a throwaway config; undefined when not installed.
 * `directives` go into its http block (the throughput bench lifts the keep-alive request cap).
 */
export async function startNginx(
  root: string,
  directives = 'keepalive_requests 1000000;',
): Promise<Running | undefined> {
  const binary = ['/usr/sbin/nginx', 'nginx'].find((candidate) => hasCommand(candidate));
  if (!binary) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'netlab-nginx-'));
  const config = path.join(dir, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes 2;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  ${directives}
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} backlog=511;
    root ${root};
    index index.html;
  }
}
`,
  );
  const child = spawn(binary, ['-c', config, '-p', dir], { stdio: 'inherit' });
  await waitForPort(port, child);
  return {
    port,
    child,
    stop: async () => {
      await stopChild(child, 'SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
