/**
 * Masking for sheets posted to the class: enough to find your own row, not enough to identify others.
 * Ids keep their first 4 and last 2 characters (`2017123422` → `2017****22`); short ids keep less.
 */
export function maskStudentId(id: string): string {
  const chars = Array.from(id.normalize('NFC'));
  const n = chars.length;
  const [head, tail] = n >= 8 ? [4, 2] : n >= 4 ? [1, 1] : [0, 0];
  return chars.map((c, i) => (i < head || i >= n - tail ? c : '*')).join('');
}

/** Each word keeps its first and last letter (`배준현` → `배*현`, `김철` → `김*`, `Alice Kim` → `A***e K*m`). */
export function maskName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) || part === '' ? part : maskWord(part)))
    .join('');
}

function maskWord(word: string): string {
  const chars = Array.from(word);
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
