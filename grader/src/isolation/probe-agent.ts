import { type ProbeName, probes } from '../probes/prober.js';

/**
 * Entry of the probe agent, started by the grader inside a student's network namespace (`nsenter --net`). It
 * answers one message per probe over the IPC channel and ends with the grader: a lost channel means the grader is
 * gone.
 */
interface Call {
  id: number;
  op: ProbeName;
  args: unknown[];
}

const send = (message: unknown) => process.send?.(message);

process.on('message', async (message: Call) => {
  const probe = probes[message.op] as (...args: unknown[]) => Promise<unknown>;
  try {
    send({ id: message.id, value: await probe(...message.args) });
  } catch (error) {
    send({ id: message.id, error: (error as Error).message });
  }
});
process.on('disconnect', () => process.exit(0));
send({ ready: true });
