/** Whitespace- and case-insensitive, NFC: `과제 목표` in a PDF matches the heading `과제목표`. */
export function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, '').toLowerCase();
}

export interface SectionResult {
  found: string[];
  missing: string[];
}

/** Each section is a list of accepted headings; it is present when any of them occurs in the text. */
export function findSections(text: string, sections: string[][]): SectionResult {
  const hay = squash(text);
  const found: string[] = [];
  const missing: string[] = [];
  for (const headings of sections) {
    const label = headings[0] ?? '';
    (headings.some((h) => hay.includes(squash(h))) ? found : missing).push(label);
  }
  return { found, missing };
}

/** The report file name the spec asks for, e.g. `CN_6_2017123422_배준현.pdf`. */
export function expectedReportName(pattern: string, studentId: string, name: string): string {
  return pattern
    .replaceAll('{studentId}', studentId)
    .replaceAll('{name}', name || '<이름 name>')
    .normalize('NFC');
}

/** Whether a file name follows the pattern: NFC, spaces ignored; `{name}` matches any name when we do not know it. */
export function matchesReportName(
  fileName: string,
  pattern: string,
  studentId: string,
  name: string,
): boolean {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = squash(pattern)
    .split(/(\{studentid\}|\{name\})/)
    .map((part) => {
      if (part === '{studentid}') return quote(studentId.toLowerCase());
      if (part === '{name}') return name ? quote(squash(name)) : '.+';
      return quote(part);
    })
    .join('');
  return new RegExp(`^${source}$`, 'u').test(squash(fileName));
}
