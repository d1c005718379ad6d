import { parseDocument } from 'yaml';
import { formatIssues } from './format-issues.js';
import { normalizeStrings } from './normalize.js';
import { AssignmentSpec } from './spec.js';
import { SpecError } from './spec-error.js';

export type SpecFormat = 'yaml' | 'json';

/** By extension; otherwise by content (a spec that opens with `{` is JSON). */
export function detectFormat(fileName: string, text: string): SpecFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? `${lineColumn(text, Number(at[1]))}: ` : '';
    throw new SpecError(
      source,
      [`${where}invalid JSON (${message.split('\n')[0]}); fix the JSON syntax`],
      'syntax',
    );
  }
}

function parseYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const line = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return `${lineColumn(text, e.pos[0])}: invalid YAML (${line}); fix the YAML syntax`;
    });
    throw new SpecError(source, problems, 'syntax');
  }
  try {
    return doc.toJS();
  } catch (err) {
    // e.g. an alias expanding past yaml's maxAliasCount (a "billion laughs" document)
    throw new SpecError(source, [`invalid YAML (${(err as Error).message}); fix the YAML`], 'syntax');
  }
}

/**
 * Parse and validate spec text. `source` names the file in errors. Every problem is reported at once in one
 * `SpecError` whose message is a single line.
 */
export function parseSpec(
  text: string,
  source: string,
  format: SpecFormat = detectFormat(source, text),
): AssignmentSpec {
  const body = text.replace(/^\uFEFF/, '');
  const data = normalizeStrings(format === 'json' ? parseJson(body, source) : parseYaml(body, source));
  const result = AssignmentSpec.safeParse(data, { reportInput: true });
  if (!result.success) throw new SpecError(source, formatIssues(result.error.issues));
  return result.data;
}
