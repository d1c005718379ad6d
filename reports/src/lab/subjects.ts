/** Who is under test in an HTTP week: the reference models, then the student's server or --target. */
import { templateWwwRoot } from '@netlab/assignments';
import type { Netns } from '../process/netns.js';
import { httpServerCommand, studentServerCommand } from '../process/reference-servers.js';
import type { Subject } from '../results.js';
import type { LabOptions } from './options.js';
import { type Reachable, reachTarget, startSubject } from './subject-server.js';

export interface SubjectSpec {
  subject: Subject;
  bringUp: () => Promise<Reachable>;
  /** Path to request, from --target's URL. */
  path: string;
}

export function httpSubjects(options: LabOptions, netns: Netns | null): SubjectSpec[] {
  // Week 3's checks are written against the assignment's site; the load weeks serve the servers' own www.
  const root = options.week === 3 ? templateWwwRoot() : undefined;
  const host = netns ? '0.0.0.0' : undefined;
  const specs: SubjectSpec[] = options.models.map((model) => ({
    subject: { name: model, origin: 'reference', url: null, command: null },
    bringUp: () => startSubject(httpServerCommand(model, { host, root }), netns),
    path: '/',
  }));
  if (options.server) {
    const { command, port } = options.server;
    specs.push({
      subject: { name: 'student', origin: 'student', url: null, command },
      bringUp: () => startSubject(studentServerCommand(command, port), netns),
      path: '/',
    });
  }
  if (options.target) {
    const target = options.target;
    specs.push({
      subject: { name: 'target', origin: 'target', url: target, command: null },
      bringUp: () => reachTarget(target),
      path: new URL(target).pathname || '/',
    });
  }
  return specs;
}
