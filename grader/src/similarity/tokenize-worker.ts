import { languageRules } from './language-rules.js';
import { parserFor } from './parser.js';
import { tokenizeFiles } from './tokenize.js';
import type { TokenizeReply, TokenizeRequest } from './tokenize-pool.js';

/** Child-process entry: tokenises each request's submissions; exits when the parent goes away. */
process.on('message', async (request: TokenizeRequest) => {
  let reply: TokenizeReply;
  try {
    const parser = await parserFor(request.language);
    const rules = languageRules[request.language];
    reply = { id: request.id, units: request.jobs.map((files) => tokenizeFiles(parser, rules, files)) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(reply);
});
process.on('disconnect', () => process.exit(0));
