import net from 'node:net';
import { closeServer } from '../net/close-server.js';
import { listenServer } from '../net/listen.js';
import type { Address } from '../net/listen.js';
import { AttendanceLog } from './attendance-log.js';
import { normalizeId, readRoster } from './roster.js';

export interface AttendanceOptions {
  /** The code announced in class. */
  code: string;
  /** CSV the rows are appended to (created with a header if missing). */
  out: string;
  /** Optional roster CSV with a student_id column; without it any id is accepted. */
  roster?: string;
  idleTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface AttendanceServer {
  listen(port: number, host: string): Promise<Address>;
  close(): Promise<void>;
}

const MAX_LINE_BYTES = 1024;

export const REPLIES = {
  ok: 'OK\n',
  wrongCode: 'FAIL wrong code\n',
  unknownStudent: 'FAIL unknown student\n',
  malformed: 'FAIL expected "<studentid> <code>"\n',
  notRecorded: 'FAIL server could not record attendance, tell the TA\n',
} as const;

/** Week 2: a student sends `<studentid> <code>\n` and is recorded once if the code is right. */
export function createAttendanceServer(options: AttendanceOptions): AttendanceServer {
  const roster = options.roster ? readRoster(options.roster) : undefined;
  const log = new AttendanceLog(options.out);
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const sockets = new Set<net.Socket>();
  const report = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));

  const answer = (line: string, ip: string): string => {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 2 || parts[0] === '') return REPLIES.malformed;
    const [rawId, code] = parts as [string, string];
    if (code !== options.code) return REPLIES.wrongCode;
    const id = normalizeId(rawId);
    if (roster && !roster.has(id)) return REPLIES.unknownStudent;
    try {
      log.record(id, ip, new Date());
    } catch (error) {
      report(`attendance: ${(error as Error).message}`);
      return REPLIES.notRecorded;
    }
    return REPLIES.ok;
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const ip = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    let pending = '';
    socket.setEncoding('utf8');
    socket.setTimeout(idleTimeoutMs, () => socket.destroy());
    socket.on('data', (text: string) => {
      pending += text;
      for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n')) {
        socket.write(answer(pending.slice(0, nl), ip));
        pending = pending.slice(nl + 1);
      }
      if (Buffer.byteLength(pending) > MAX_LINE_BYTES) socket.end(REPLIES.malformed);
    });
    // A last line without its newline still counts (e.g. `printf 'id code' | nc`).
    socket.on('end', () => socket.end(pending.trim() === '' ? '' : answer(pending, ip)));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    listen: (port, host) => listenServer(server, port, host, report),
    close: () => closeServer(server, sockets),
  };
}
