import { describe, expect, it } from '@jest/globals';
import type { AssignmentSpec } from '@netlab/assignments';
import type { ServerRun } from '../src/checks/server-run.js';
import type { StudentResult } from '../src/grade-class.js';
import { checksCsv } from '../src/outputs/checks-csv.js';

const spec = {
  checks: [{ method: 'GET', path: '/', status: 200, contentType: 'text/html', contentLength: true }],
  tcpChecks: [],
} as unknown as AssignmentSpec;

const student = (studentId: string, run: Partial<ServerRun>) =>
  ({ studentId, port: { runs: [{ entry: 'server.py', found: true, run }] } }) as unknown as StudentResult;

describe('checks.csv', () => {
  it('has a row per check, concurrency check and threshold; BOM, CRLF, students sorted by id', () => {
    const ok = { label: 'GET / → 200', ok: true, answered: true, detail: 'status 200' };
    const text = checksCsv({
      spec,
      students: [
        student('2020000002', {
          results: [ok],
          concurrency: {
            spec: { stalledClients: 2, timeoutMs: 2000 },
            probe: {
              stalled: 2,
              results: [{ label: 'GET / → 200', completed: false, waitedMs: 2001, detail: 'no reply' }],
            },
          },
        }),
        student('2020000001', {
          results: [ok],
          load: {
            spec: { users: 5, spawnRate: 5, duration: '1s', newConnectionPerRequest: true, thresholds: {} },
            measure: {
              users: 5,
              durationSec: 1,
              requests: 100,
              failures: 1,
              failuresByKind: { closed: 1 },
              okRps: 99,
              p50Ms: 3,
              p95Ms: 9,
              p99Ms: 12,
              generatorNote: null,
            },
            thresholds: [
              { name: 'maxFailureRatio', passed: true, value: 0.01, expected: '≤ 0.01' },
              { name: 'minRps', passed: false, value: 99, expected: '≥ 200 req/s' },
            ],
          },
        }),
      ],
    });
    expect(text.split('\r\n')).toEqual([
      '\uFEFFstudent_id,check,passed,value,expected,detail',
      '2020000001,http GET / → 200,true,,"status 200, Content-Type text/html, Content-Length",status 200',
      '2020000001,load maxFailureRatio,true,0.01,≤ 0.01,"100 requests, 1 failed, p50 3 ms, p99 12 ms"',
      '2020000001,load minRps,false,99 req/s,≥ 200 req/s,"100 requests, 1 failed, p50 3 ms, p99 12 ms"',
      '2020000002,http GET / → 200,true,,"status 200, Content-Type text/html, Content-Length",status 200',
      '2020000002,concurrency GET / → 200,false,2001 ms,≤ 2000 ms with 2 held clients,no reply',
      '',
    ]);
  });
});
