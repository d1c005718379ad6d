import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Replaces the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in a README, so figures
 * there come from the run that printed them instead of being retyped.
 */
export async function writeReadmeBlock(readme: string, name: string, body: string): Promise<void> {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const text = await readFile(readme, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`${readme} has no ${begin} … ${end} block`);
  await writeFileAtomic(readme, `${text.slice(0, from + begin.length)}\n${body}\n${text.slice(to)}`);
}
