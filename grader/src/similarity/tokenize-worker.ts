import { languageRules } from './language-rules.js';
import { parserFor } from './parser.js';
import { tokenizeSafely } from './tokenize.js';
import type { TokenizeReply, TokenizeRequest } from './tokenize-pool.js';
import { messageOf } from '@netlab/kit';

/** Idle this long and the child exits, handing its memory back; the parent spawns a new one if needed. */
const idleMs = 2000;
let idle = setTimeout(() => process.exit(0), idleMs);

/** Child-process entry: tokenises each request's submissions; exits when idle or when the parent goes away. */
process.on('message', async (request: TokenizeRequest) => {
  clearTimeout(idle);
  let reply: TokenizeReply;
  try {
    const parser = await parserFor(request.language);
    const rules = languageRules[request.language];
    reply = { id: request.id, results: request.jobs.map((files) => tokenizeSafely(parser, rules, files)) };
  } catch (error) {
    reply = { id: request.id, error: messageOf(error) };
  }
  process.send?.(reply);
  idle = setTimeout(() => process.exit(0), idleMs);
});
process.on('disconnect', () => process.exit(0));
