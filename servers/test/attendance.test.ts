import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type AttendanceServer, createAttendanceServer, REPLIES, ServeError } from '../src/index.js';
import { runServe, startServe } from './helpers/spawn-serve.js';

/** Sends lines on one connection, half-closes, and returns the server's whole answer. */
function say(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.end(text));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

const rows = (file: string): string[][] => parse(readFileSync(file, 'utf8'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'netlab-attendance-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attendance server', () => {
  let server: AttendanceServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async (name: string, roster?: string): Promise<{ port: number; out: string }> => {
    const out = path.join(dir, `${name}.csv`);
    server = createAttendanceServer({ code: 'net42', out, roster, log: () => {} });
    return { port: (await server.listen(0, '127.0.0.1')).port, out };
  };

  it('records a right code once per student and answers OK', async () => {
    const { port, out } = await start('once');
    expect(await say(port, '20231234 net42\n')).toBe(REPLIES.ok);
    expect(await say(port, '20231234 net42\n')).toBe(REPLIES.ok);
    expect(await say(port, '20235678 net42')).toBe(REPLIES.ok);
    const table = rows(out);
    expect(table[0]).toEqual(['student_id', 'ip', 'time']);
    expect(table.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['20231234', '127.0.0.1'],
      ['20235678', '127.0.0.1'],
    ]);
    expect(Number.isNaN(Date.parse(table[1]![2]!))).toBe(false);
  });

  it('refuses a wrong code and records nothing', async () => {
    const { port, out } = await start('wrong');
    expect(await say(port, '20231234 guess\n')).toBe(REPLIES.wrongCode);
    expect(rows(out)).toHaveLength(1);
  });

  it('checks the roster, matching NFD ids to NFC ones', async () => {
    const roster = path.join(dir, 'roster.csv');
    writeFileSync(roster, '\uFEFFstudent_id,name\n김철수,Kim\n20230001,Lee\n');
    const { port, out } = await start('roster-check', roster);
    expect(await say(port, `${'김철수'.normalize('NFD')} net42\n`)).toBe(REPLIES.ok);
    expect(await say(port, '29999999 net42\n')).toBe(REPLIES.unknownStudent);
    expect(
      rows(out)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['김철수']);
  });

  it('answers every line of a connection and explains a malformed one', async () => {
    const { port } = await start('lines');
    expect(await say(port, 'onlyone\r\n20230001 net42\r\n')).toBe(REPLIES.malformed + REPLIES.ok);
  });

  it('keeps the once-per-student rule across a restart on the same file', async () => {
    const first = await start('restart');
    expect(await say(first.port, '20230001 net42\n')).toBe(REPLIES.ok);
    await server!.close();
    const second = await start('restart');
    expect(await say(second.port, '20230001 net42\n20230002 net42\n')).toBe(REPLIES.ok + REPLIES.ok);
    expect(
      rows(second.out)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['20230001', '20230002']);
  });

  it('rejects a roster without a student_id column, naming the fix', () => {
    const roster = path.join(dir, 'bad-roster.csv');
    writeFileSync(roster, 'name,number\nKim,1\n');
    expect(() => createAttendanceServer({ code: 'x', out: path.join(dir, 'never.csv'), roster })).toThrow(
      ServeError,
    );
    expect(() => createAttendanceServer({ code: 'x', out: path.join(dir, 'never.csv'), roster })).toThrow(
      /student_id/,
    );
  });
});

describe('attendance from the command line', () => {
  it('loses no confirmed row when the server is killed with SIGKILL', async () => {
    const out = path.join(dir, 'killed.csv');
    const served = await startServe(['attendance', '--port', '0', '--code', 'c0de', '--out', out]);
    const ids = Array.from({ length: 30 }, (_, i) => `2023${String(i).padStart(4, '0')}`);
    for (const id of ids) expect(await say(served.port, `${id} c0de\n`)).toBe(REPLIES.ok);
    process.kill(served.child.pid!, 'SIGKILL');
    await served.exited;
    expect(
      rows(out)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(ids);
  });

  it('refuses to start on a file that is not an attendance sheet', async () => {
    const out = path.join(dir, 'grades.csv');
    writeFileSync(out, 'name,score\nKim,90\n');
    const result = await runServe(['attendance', '--port', '0', '--code', 'x', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^SERVER_OUTPUT_INVALID: .*not an attendance sheet/);
    expect(readFileSync(out, 'utf8')).toBe('name,score\nKim,90\n');
  });
});
