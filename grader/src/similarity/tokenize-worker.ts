import { languageRules } from './language-rules.js';
import { parserFor } from './parser.js';
import { tokenizeFiles } from './tokenize.js';
import type { TokenizeReply, TokenizeRequest } from './tokenize-pool.js';

/** Child-process entry: tokenises the submissions it is sent and replies once. */
process.once('message', async (request: TokenizeRequest) => {
  let reply: TokenizeReply;
  try {
    const parser = await parserFor(request.language);
    const rules = languageRules[request.language];
    reply = { units: request.jobs.map((files) => tokenizeFiles(parser, rules, files)) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(reply, () => process.disconnect());
});
