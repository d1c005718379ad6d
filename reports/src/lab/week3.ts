/** Week 3: the assignment's HTTP checks (the grader's), against each server, as a pass/fail table. */
import { builtinSpec } from '@netlab/assignments';
import { messageOf } from '@netlab/kit';
import type { Netns } from '../process/netns.js';
import type { LabProgress } from '../progress.js';
import type { CheckRow } from '../results.js';
import { runCheck } from './http-check.js';
import type { LabOptions } from './options.js';
import { httpSubjects } from './subjects.js';

export async function runWeek3(
  options: LabOptions,
  netns: Netns | null,
  progress: LabProgress,
): Promise<CheckRow[]> {
  const checks = builtinSpec('week3').checks;
  const rows: CheckRow[] = [];
  for (const spec of httpSubjects(options, netns)) {
    progress.step(`${spec.subject.name}: starting server`);
    let server: Awaited<ReturnType<typeof spec.bringUp>>;
    try {
      server = await spec.bringUp();
    } catch (error) {
      progress.step(`${spec.subject.name}: FAILED to start — ${messageOf(error)}`);
      rows.push({
        subject: spec.subject,
        check: 'server starts',
        request: '—',
        expected: 'listening',
        actual: messageOf(error),
        pass: false,
      });
      continue;
    }
    const subject = { ...spec.subject, url: spec.subject.url ?? `http://${server.host}:${server.port}` };
    try {
      for (const check of checks) {
        const outcome = await runCheck(server.host, server.port, check);
        const name = check.name ?? `${check.method} ${check.path}`;
        rows.push({ subject, check: name, ...outcome });
        progress.step(
          `${subject.name}: ${outcome.pass ? 'PASS' : 'FAIL'} ${name}${outcome.pass ? '' : ` — ${outcome.actual}`}`,
        );
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}
