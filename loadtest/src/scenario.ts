import { zodIssuesLine } from '@netlab/kit';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { LoadtestError } from './errors.js';

/** One request a simulated user makes; a scenario is a weighted list of these (Locust's `@task(weight)`). */
export const Task = z.object({
  name: z.string().min(1).optional(),
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, 'method must be a word such as GET or POST')
    .transform((m) => m.toUpperCase())
    .default('GET'),
  path: z.string().startsWith('/', 'path must start with /').default('/'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  weight: z.number().int().positive().default(1),
  /** Statuses that count as success; by default any 1xx–3xx, as Locust's `response.ok`. */
  expectStatus: z.array(z.number().int().min(100).max(599)).optional(),
});
export type Task = z.infer<typeof Task>;
export type TaskInput = z.input<typeof Task>;

export const Scenario = z.object({
  tasks: z.array(Task).min(1, 'a scenario needs at least one task'),
  /** Pass/fail marks, as `--threshold` takes them (`p95<500ms`). */
  thresholds: z.array(z.string()).default([]),
});
export type Scenario = z.infer<typeof Scenario>;

/** Reads a scenario from YAML or JSON text (JSON is YAML); a bare list is taken as the task list. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new LoadtestError('LOADTEST_SCENARIO_INVALID', `${source}: not YAML/JSON (${reason})`);
  }
  const parsed = Scenario.safeParse(Array.isArray(data) ? { tasks: data } : data);
  if (!parsed.success) {
    throw new LoadtestError('LOADTEST_SCENARIO_INVALID', `${source}: ${zodIssuesLine(parsed.error.issues)}`);
  }
  return parsed.data;
}

/** The name a task's stats are filed under: its own name or its path, as Locust names requests by URL. */
export function taskName(task: Task): string {
  return task.name ?? task.path;
}

/** A picker drawing tasks in proportion to their weights. */
export function weightedPicker(tasks: readonly Task[], random: () => number = Math.random): () => Task {
  if (tasks.length === 1) return () => tasks[0]!;
  const total = tasks.reduce((s, t) => s + t.weight, 0);
  return () => {
    let r = random() * total;
    for (const task of tasks) {
      r -= task.weight;
      if (r < 0) return task;
    }
    return tasks[tasks.length - 1]!;
  };
}
