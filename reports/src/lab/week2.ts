/** Week 2: echo round trips (reference, and the student's server or --target) and the attendance smoke test. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '@netlab/kit';
import type { Netns } from '../process/netns.js';
import {
  attendanceServerCommand,
  echoServerCommand,
  studentServerCommand,
} from '../process/reference-servers.js';
import type { LabProgress } from '../progress.js';
import type { AttendanceStep, EchoResult, Subject } from '../results.js';
import { ATTENDANCE_CODE, attendanceSmoke } from './attendance-smoke.js';
import { echoRounds } from './echo-rounds.js';
import type { LabOptions } from './options.js';
import { type Reachable, reachTarget, startSubject } from './subject-server.js';

interface EchoSpec {
  subject: Subject;
  bringUp: () => Promise<Reachable>;
}

function echoSpecs(options: LabOptions, netns: Netns | null): EchoSpec[] {
  const host = netns ? '0.0.0.0' : undefined;
  const specs: EchoSpec[] = [
    {
      subject: { name: 'echo', origin: 'reference', url: null, command: null },
      bringUp: () => startSubject(echoServerCommand(host), netns),
    },
  ];
  if (options.server) {
    const { command, port } = options.server;
    specs.push({
      subject: { name: 'student', origin: 'student', url: null, command },
      bringUp: () => startSubject(studentServerCommand(command, port), netns),
    });
  }
  if (options.target) {
    const target = options.target;
    specs.push({
      subject: { name: 'target', origin: 'target', url: target, command: null },
      bringUp: () => reachTarget(target),
    });
  }
  return specs;
}

export async function runWeek2(
  options: LabOptions,
  netns: Netns | null,
  progress: LabProgress,
): Promise<{ echo: EchoResult[]; attendance: AttendanceStep[] }> {
  const messages = options.quick ? 500 : 5000;
  const echo: EchoResult[] = [];
  for (const spec of echoSpecs(options, netns)) {
    progress.step(`echo ${spec.subject.name}: starting`);
    let server: Reachable;
    try {
      server = await spec.bringUp();
    } catch (error) {
      echo.push({
        subject: spec.subject,
        messages: 0,
        errors: 1,
        messagesPerSec: 0,
        latencyMs: { avg: 0, min: 0, p50: 0, p99: 0, max: 0 },
        histogram: [],
        error: messageOf(error),
      });
      progress.step(`echo ${spec.subject.name}: FAILED to start — ${messageOf(error)}`);
      continue;
    }
    try {
      const subject = { ...spec.subject, url: spec.subject.url ?? `tcp://${server.host}:${server.port}` };
      const result = await echoRounds(subject, server.host, server.port, messages);
      echo.push(result);
      progress.step(
        `echo ${subject.name}: ${result.messages} round trips, ${Math.round(result.messagesPerSec)} msg/s, p50 ${result.latencyMs.p50.toFixed(3)} ms${result.error ? ` — ${result.error}` : ''}`,
      );
    } finally {
      await server.stop();
    }
  }

  progress.step('attendance: starting');
  const csv = join(options.out, 'attendance.csv');
  // A sheet from an earlier run would hide whether this run recorded anything.
  rmSync(csv, { force: true });
  let attendance: AttendanceStep[];
  try {
    const server = await startSubject(
      attendanceServerCommand(ATTENDANCE_CODE, csv, netns ? '0.0.0.0' : undefined),
      netns,
    );
    try {
      attendance = await attendanceSmoke(server.host, server.port, csv);
    } finally {
      await server.stop();
    }
  } catch (error) {
    attendance = [{ step: 'server starts', expected: 'listening', actual: messageOf(error), pass: false }];
  }
  progress.step(`attendance: ${attendance.filter((a) => a.pass).length}/${attendance.length} steps pass`);
  return { echo, attendance };
}
