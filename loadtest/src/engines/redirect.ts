import type { ParsedResponse } from './response-parser.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The path a redirect leads to when it stays on the target (`host` is the Host header value, e.g.
 * 127.0.0.1:8080), else null. Load goes to the target only, so a redirect elsewhere ends the
 * request with its 3xx response.
 */
export function redirectTarget(response: ParsedResponse, fromPath: string, host: string): string | null {
  if (!REDIRECTS.has(response.status) || !response.location) return null;
  let url: URL;
  try {
    url = new URL(response.location, `http://${host}${fromPath}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || url.host !== new URL(`http://${host}`).host) return null;
  return `${url.pathname}${url.search}`;
}
