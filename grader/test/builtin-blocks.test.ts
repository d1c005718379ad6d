import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { builtinSpec } from '@netlab/assignments';
import { DEFAULT_SANDBOX_LIMITS } from '../src/isolation/sandbox.js';
import { runStudentServer, type ServerRunOptions } from '../src/checks/server-run.js';
import type { Isolation } from '../src/isolation/isolation.js';
import { templateFolder } from './fixtures/completed-template.js';
import { makeIsolation } from './fixtures/isolations.js';
import { useTempDir } from './fixtures/temp-dir.js';

// The built-in week 5 and 6 specs' concurrency and load blocks against the handouts, in the sandbox (each server
// on the spec's own port 8080 in its own network namespace).
const tmp = useTempDir('builtin-blocks');

function optionsFor(week: 'week5' | 'week6', isolation: Isolation): ServerRunOptions {
  const spec = builtinSpec(week);
  return {
    port: spec.port ?? 8080,
    checks: spec.checks,
    checksBudgetMs: spec.checksBudgetMs,
    concurrency: spec.concurrency,
    load: spec.load,
    startTimeoutMs: 15_000,
    checkTimeoutMs: 5_000,
    limits: DEFAULT_SANDBOX_LIMITS,
    isolation,
  };
}

describe('the built-in week 5 and 6 blocks', () => {
  let isolation: Isolation;
  let done = async () => {};

  beforeAll(async () => {
    const made = await makeIsolation('bwrap', 8080);
    isolation = made.isolation;
    done = made.done;
  }, 60_000);
  afterAll(() => done());

  it('week 6: the completed select template passes every check, serves while clients are held and meets every threshold', async () => {
    const dir = path.join(tmp(), 'week6-done');
    const r = await runStudentServer(
      await templateFolder(dir, 'week6', true),
      'select_server.py',
      optionsFor('week6', isolation),
    );
    expect(r.concurrency?.probe).toBeDefined();
    expect(r.concurrency?.blocked).toBeUndefined();
    expect(r.load?.thresholds.map((t) => [t.name, t.passed])).toEqual([
      ['maxFailureRatio', true],
      ['p95Ms', true],
      ['minRps', true],
    ]);
  }, 120_000);

  it.each([
    ['multiprocess_server.py', false, true],
    ['multiprocess_server.py', true, false],
    ['multithread_server.py', false, true],
    ['multithread_server.py', true, false],
  ])(
    'week 5: %s (completed: %s) blocks: %s',
    async (entry, completed, blocks) => {
      const dir = path.join(tmp(), `week5-${entry}-${completed}`);
      const options = { ...optionsFor('week5', isolation), load: undefined };
      const r = await runStudentServer(await templateFolder(dir, 'week5', completed), entry, options);
      expect(r.concurrency?.probe).toBeDefined();
      expect(r.concurrency?.blocked !== undefined).toBe(blocks);
    },
    120_000,
  );
});
