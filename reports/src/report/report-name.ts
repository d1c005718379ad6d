import type { Week } from '../results.js';

// Characters no file system takes (Windows is the strictest), and control characters.
const UNSAFE = /[\\/:*?"<>|\u0000-\u001F]/g;

function part(text: string): string {
  return text.normalize('NFC').replace(UNSAFE, '').trim().replace(/\s+/g, '_');
}

/** The course's required name, `CN_<week>_<studentid>_<name>.pdf`, in NFC (macOS hands over NFD Hangul). */
export function reportFileName(week: Week, student: { id: string; name: string } | null): string {
  if (!student) return `CN_${week}_report.pdf`;
  return `CN_${week}_${part(student.id)}_${part(student.name)}.pdf`;
}
