import { fileURLToPath } from 'node:url';
import type { Model } from './models/types.js';

export { AttendanceLog, ATTENDANCE_COLUMNS } from './attendance/attendance-log.js';
export {
  type AttendanceOptions,
  type AttendanceServer,
  createAttendanceServer,
  REPLIES,
} from './attendance/attendance-server.js';
export { normalizeId, readRoster } from './attendance/roster.js';
export { echoOnce } from './echo/echo-client.js';
export { createEchoServer, type EchoServer } from './echo/echo-server.js';
export { exitCodeFor, ServeError, type ServeErrorCode } from './errors.js';
export { type Connection, type ConnectionOptions, serveConnection } from './http/connection.js';
export { createHttpServer, type HttpServer } from './server/create-http-server.js';
export {
  type BodySource,
  createHandler,
  type HandlerOptions,
  type RequestHandler,
  type ResponsePlan,
} from './http/handler.js';
export { DEFAULT_ROOT, type HttpServerOptions, httpServerOptionsSchema } from './server/options.js';
export { type HttpRequest, MAX_HEAD_BYTES, type ParseResult, parseRequest } from './http/parse-request.js';
export { resolvePath } from './http/resolve-path.js';
export { type Address, LISTEN_BACKLOG } from './net/listen.js';
export { MODELS, type Model, type ModelServer } from './models/types.js';

/** Absolute path of the file that implements `model` (the lab reports quote its key code). */
export function modelSourceFile(model: Model): string {
  return fileURLToPath(new URL(`./models/${model}.ts`, import.meta.url));
}
