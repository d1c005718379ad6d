import { realpathSync } from 'node:fs';
import path from 'node:path';
import mime from 'mime-types';
import { FileCache } from './file-cache.js';
import type { HttpRequest, ParseResult } from './parse-request.js';
import { CachedResolver } from './resolve-path.js';
import { reasonPhrase, responseHead } from './response-head.js';

export interface HandlerOptions {
  /** Directory files are served from. */
  root: string;
  /** Allow persistent connections when the client asks for one. */
  keepAlive: boolean;
  /** A request announcing a bigger body gets 413 and the connection closes (nginx's client_max_body_size). */
  maxBodyBytes: number;
}

export type BodySource =
  | { kind: 'none' }
  | { kind: 'buffer'; data: Buffer }
  | { kind: 'file'; path: string; size: number };

/** What to send: the head as bytes, where the body comes from, and whether the connection stays open. */
export interface ResponsePlan {
  status: number;
  head: Buffer;
  body: BodySource;
  keepAlive: boolean;
}

/** `allowKeepAlive: false` forces `Connection: close` (the server is draining, or the client already half-closed). */
export type RequestHandler = (
  parsed: Exclude<ParseResult, { kind: 'incomplete' }>,
  allowKeepAlive?: boolean,
) => ResponsePlan;

const ALLOWED_METHODS = 'GET, HEAD';
const HTML = 'text/html; charset=utf-8';

/** RFC 9112 §9.3: HTTP/1.1 persists unless told to close; HTTP/1.0 only when it asks for keep-alive. */
function clientWantsKeepAlive(request: HttpRequest): boolean {
  const tokens = (request.headers.get('connection') ?? '').toLowerCase().split(/\s*,\s*/);
  if (tokens.includes('close')) return false;
  return request.minorVersion >= 1 || tokens.includes('keep-alive');
}

/**
 * The one request handler every concurrency model shares: a parsed request in, a response plan out.
 * File lookups are synchronous (a realpath and a stat, microseconds on a warm page cache) so the plan is
 * ready at once; only files too big for the cache are streamed by the caller.
 */
export function createHandler(options: HandlerOptions): RequestHandler {
  const root = realpathSync.native(options.root);
  const cache = new FileCache();
  const resolver = new CachedResolver(root);
  const types = new Map<string, string>();
  const contentTypeOf = (file: string): string => {
    const extension = path.extname(file);
    let type = types.get(extension);
    if (type === undefined) {
      type = mime.contentType(extension) || 'application/octet-stream';
      types.set(extension, type);
    }
    return type;
  };

  const errorPage = (status: number, keepAlive: boolean, extra?: Record<string, string>): ResponsePlan => {
    const body = Buffer.from(
      `<!doctype html>\n<title>${status} ${reasonPhrase(status)}</title>\n<h1>${status} ${reasonPhrase(status)}</h1>\n`,
    );
    return {
      status,
      head: responseHead(status, HTML, body.length, keepAlive, extra),
      body: { kind: 'buffer', data: body },
      keepAlive,
    };
  };

  const notFound = (keepAlive: boolean): ResponsePlan => {
    const page = resolver.resolve('/notfound.html');
    if (page.kind !== 'file') return errorPage(404, keepAlive);
    return fileResponse(404, page.path, page.stats.size, cache.read(page.path, page.stats), keepAlive);
  };

  const fileResponse = (
    status: number,
    file: string,
    size: number,
    cached: Buffer | undefined,
    keepAlive: boolean,
  ): ResponsePlan => ({
    status,
    head: responseHead(status, contentTypeOf(file), cached?.length ?? size, keepAlive),
    body: cached ? { kind: 'buffer', data: cached } : { kind: 'file', path: file, size },
    keepAlive,
  });

  const plan: RequestHandler = (parsed, allowKeepAlive = true) => {
    if (parsed.kind === 'error') return errorPage(parsed.status, false);
    const { request } = parsed;
    // A body of known length is skipped by the connection, which then reads the next request; a chunked
    // body's end is unknown without decoding it, so that connection closes after the response.
    const keepAlive =
      allowKeepAlive && options.keepAlive && clientWantsKeepAlive(request) && !request.chunked;
    if (request.contentLength > options.maxBodyBytes) return errorPage(413, false);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorPage(405, keepAlive, { Allow: ALLOWED_METHODS });
    }
    const resolved = resolver.resolve(request.target);
    let response: ResponsePlan;
    if (resolved.kind === 'file') {
      response = fileResponse(
        200,
        resolved.path,
        resolved.stats.size,
        cache.read(resolved.path, resolved.stats),
        keepAlive,
      );
    } else if (resolved.kind === 'redirect') {
      response = errorPage(301, keepAlive, { Location: resolved.location });
    } else if (resolved.status === 404) {
      response = notFound(keepAlive);
    } else {
      response = errorPage(resolved.status, keepAlive);
    }
    return request.method === 'HEAD' ? { ...response, body: { kind: 'none' } } : response;
  };

  // A file that cannot be read now (EMFILE, EACCES, removed mid-request) costs this request a 500, nothing more.
  return (parsed, allowKeepAlive) => {
    try {
      return plan(parsed, allowKeepAlive);
    } catch {
      return errorPage(500, false);
    }
  };
}
