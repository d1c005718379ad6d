import type { ServerResponse } from 'node:http';
import type { LoadResult } from '../result.js';
import { renderHtml } from '../views/html.js';
import { resultJson } from '../views/json.js';
import { failuresCsv, historyCsv, statsCsv } from '../views/locust-csv.js';
import { readForm, sendFile, sendJson, sendText } from './http.js';
import type { Routes } from './live-server.js';
import type { LoadSession } from './load-session.js';

/** Locust suggests `<prefix>_<unix time>.csv` for its downloads. */
const stamped = (prefix: string, ext: string) => `${prefix}_${Date.now() / 1000}.${ext}`;

/**
 * Locust's web API (locust/web.py, 2.12) over a session, same routes, parameters and field names,
 * plus the JSON result. Every download is made by the view the CLI flag uses (--csv, --html, --json).
 */
export function loadRoutes(session: LoadSession): Routes {
  const withResult = (res: ServerResponse, send: (result: LoadResult) => void) => {
    const result = session.result();
    if (result) send(result);
    else sendText(res, 'no run yet: start one (POST /swarm)\n', 'text/plain', 404);
  };
  return {
    'POST /swarm': async (req, res) => {
      const { reply, run } = session.swarm(await readForm(req));
      // The run's own errors reach the page through the session.
      run?.catch(() => {});
      sendJson(res, reply);
    },
    'GET /stop': (_req, res) => {
      session.stop(true);
      sendJson(res, { success: true, message: 'Test stopped' });
    },
    'GET /stats/reset': (_req, res) => {
      session.resetStats();
      sendText(res, 'ok', 'text/html');
    },
    'GET /stats/requests': (_req, res) => sendJson(res, session.locust()),
    'GET /stats/requests/csv': (_req, res) =>
      withResult(res, (r) => sendFile(res, statsCsv(r), 'text/csv', stamped('requests', 'csv'))),
    'GET /stats/requests_full_history/csv': (_req, res) =>
      withResult(res, (r) =>
        sendFile(res, historyCsv(r), 'text/csv', stamped('requests_full_history', 'csv')),
      ),
    'GET /stats/failures/csv': (_req, res) =>
      withResult(res, (r) => sendFile(res, failuresCsv(r), 'text/csv', stamped('failures', 'csv'))),
    'GET /stats/report': (_req, res, url) =>
      withResult(res, (r) =>
        url.searchParams.get('download')
          ? sendFile(res, renderHtml(r), 'text/html', stamped('report', 'html'))
          : sendText(res, renderHtml(r), 'text/html'),
      ),
    'GET /result.json': (_req, res) =>
      withResult(res, (r) => sendFile(res, resultJson(r), 'application/json', 'result.json')),
  };
}
