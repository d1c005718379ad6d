import { Dolos, File } from '@dodona/dolos-lib';
import type { SourceFile, Submission } from '../src/similarity/index.js';

/**
 * Dolos 3.5.1 at its defaults (k = 23, w = 17), one file per submission: the reference tool the
 * scores are compared with; `template` is given to Dolos as its ignored file. Returns the similarity of every pair, keyed `a\tb` with a < b.
 */
export async function dolosScores(
  submissions: readonly Submission[],
  language: 'python' | 'java',
  template: readonly SourceFile[] = [],
): Promise<Map<string, number>> {
  const ext = language === 'python' ? 'py' : 'java';
  const byPath = new Map<string, string>();
  const files = submissions.map((sub, i) => {
    const path = `s${i}/${sub.files[0]?.path.replace(/[^\w.]/g, '_') ?? `main.${ext}`}`;
    byPath.set(path, sub.id);
    return new File(path, sub.files.map((f) => f.content).join('\n'));
  });
  const ignored =
    template.length > 0 ? new File(`template.${ext}`, template.map((f) => f.content).join('\n')) : undefined;
  const report = await new Dolos({ language }).analyze(files, undefined, ignored);
  const scores = new Map<string, number>();
  for (const pair of report.allPairs()) {
    const a = byPath.get(pair.leftFile.path) ?? '';
    const b = byPath.get(pair.rightFile.path) ?? '';
    scores.set(a < b ? `${a}\t${b}` : `${b}\t${a}`, pair.similarity);
  }
  return scores;
}
