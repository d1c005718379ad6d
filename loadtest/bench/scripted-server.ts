/**
 * A test server in a process of its own (so it does not share the runner's event loop), started by
 * bench/numbers.ts with fork(): it reports its port, then its counts when asked.
 */
import { stallingPlan } from '../test/helpers/stalling-plan.js';
import { type Reply, startTestServer } from '../test/helpers/test-servers.js';

const PLANS: Record<string, () => (n: number) => Reply> = {
  reset50: () => (n) => (n % 50 === 0 ? 'reset' : 'ok'),
  fin50: () => (n) => (n % 50 === 0 ? 'fin' : 'ok'),
  short: () => () => 'short',
  stall: () => stallingPlan(4000, 1000),
  ok: () => () => 'ok',
};

const name = process.argv[2] ?? 'ok';
const plan = PLANS[name];
if (!plan) throw new Error(`unknown plan ${name}; plans: ${Object.keys(PLANS).join(', ')}`);
const server = await startTestServer('keep-alive', plan());
process.send!({ port: server.port });
process.on('message', (message) => {
  if (message === 'counts') process.send!({ received: server.received(), connections: server.connections() });
  else if (message === 'stop') void server.close().then(() => process.exit(0));
});
