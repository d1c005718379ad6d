import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoadtestError } from '../errors.js';
import { pageBundle } from './bundle.js';
import { sendText } from './http.js';
import { EventHub } from './sse.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;
/** Handlers by `METHOD /path`, e.g. `POST /swarm`. */
export type Routes = Record<string, RouteHandler>;

export interface LiveServer {
  /** Binds and returns the page's address; a port in use is LOADTEST_WEB_PORT_BUSY (exit 3). */
  listen(port: number, host: string): Promise<string>;
  /** Sends a view to every open page. */
  publish(view: unknown): void;
  /** Ends the pages' streams and stops listening. */
  close(): Promise<void>;
}

const shell = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/app.css"></head>
<body><div id="app"></div><script src="/app.js"></script></body></html>
`;

/**
 * The live page's HTTP server: the page (one bundled script and stylesheet), its event stream at
 * /events, and the routes of whoever serves it (the load runner's Locust API, the lab's files).
 * `routes` is read on each request, so routes added later (files written at the end) are served.
 */
export function createLiveServer(title: string, routes: Routes): LiveServer {
  const hub = new EventHub();
  const fixed: Routes = {
    'GET /': (_req, res) => sendText(res, shell(title), 'text/html'),
    'GET /app.js': async (_req, res) => sendText(res, (await pageBundle()).js, 'text/javascript'),
    'GET /app.css': async (_req, res) => sendText(res, (await pageBundle()).css, 'text/css'),
    'GET /events': (_req, res) => hub.attach(res),
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const key = `${req.method} ${url.pathname}`;
    const handler = fixed[key] ?? routes[key];
    if (!handler) {
      sendText(res, `no such page: ${req.method} ${url.pathname}\n`, 'text/plain', 404);
      return;
    }
    Promise.resolve(handler(req, res, url)).catch((error: Error) => {
      if (!res.headersSent) sendText(res, `${error.message}\n`, 'text/plain', 500);
      else res.end();
    });
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => {
          reject(
            error.code === 'EADDRINUSE' || error.code === 'EACCES'
              ? new LoadtestError(
                  'LOADTEST_WEB_PORT_BUSY',
                  `the web view cannot listen on ${host}:${port} (${error.code}); choose another with --web-port`,
                )
              : error,
          );
        });
        server.listen(port, host, () => {
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
        });
      }),
    publish: (view) => hub.publish(view),
    close: () =>
      new Promise((resolve) => {
        hub.end();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
