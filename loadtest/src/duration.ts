import { LoadtestError } from './errors.js';

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Locust's run-time syntax: `30`, `30s`, `2m`, `1h30m`, `1h30m10s`, `500ms`. Returns seconds. */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined !== trimmed) {
    throw new LoadtestError(
      'LOADTEST_OPTIONS_INVALID',
      `${flag} "${text}" is not a duration; use e.g. 30s, 2m, 1h30m`,
    );
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_SECONDS[p[2]!] ?? 0), 0);
}
