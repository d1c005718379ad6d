/** Week 2: the attendance protocol end to end — right code, wrong code, a second check-in, the CSV on disk. */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { AttendanceStep } from '../results.js';

function ask(host: string, port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect({ host, port });
    socket.setEncoding('utf8');
    socket.setTimeout(3000, () => socket.destroy());
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (text: string) => {
      reply += text;
      if (reply.includes('\n')) socket.end();
    });
    socket.on('error', (e) => {
      reply ||= `error: ${e.message}`;
    });
    socket.on('close', () => resolve(reply.trim() || '(no reply)'));
  });
}

export const ATTENDANCE_CODE = 'NETLAB';

export async function attendanceSmoke(
  host: string,
  port: number,
  csvPath: string,
): Promise<AttendanceStep[]> {
  const id = '2017000001';
  const steps: AttendanceStep[] = [];
  const expect = (step: string, expected: string, actual: string) =>
    steps.push({ step, expected, actual, pass: actual === expected });
  expect('right code', 'OK', await ask(host, port, `${id} ${ATTENDANCE_CODE}`));
  expect('wrong code', 'FAIL wrong code', await ask(host, port, `2017000002 WRONG`));
  expect('same student again', 'OK', await ask(host, port, `${id} ${ATTENDANCE_CODE}`));
  let rows: string[] = [];
  try {
    rows = readFileSync(csvPath, 'utf8').split(/\r?\n/).filter(Boolean);
  } catch (e) {
    rows = [`(cannot read ${csvPath}: ${(e as Error).message})`];
  }
  expect('CSV header', 'student_id,ip,time', rows[0]?.replace(/^\uFEFF/, '') ?? '(empty)');
  const mine = rows.filter((r) => r.split(',')[0] === id).length;
  expect('recorded once', '1 row', `${mine} row${mine === 1 ? '' : 's'}`);
  const wrong = rows.filter((r) => r.split(',')[0] === '2017000002').length;
  expect('wrong code not recorded', '0 rows', `${wrong} row${wrong === 1 ? '' : 's'}`);
  return steps;
}
