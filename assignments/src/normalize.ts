/**
 * NFC-normalise every string (keys included) in parsed spec data: Hangul typed on macOS arrives as NFD and
 * would never match the NFC headings the grader extracts from PDFs.
 */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.normalize('NFC'), normalizeStrings(v)]),
    );
  }
  return value;
}
