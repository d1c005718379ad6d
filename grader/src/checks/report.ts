import path from 'node:path';
import type { ReportSpec } from '@netlab/assignments';
import type { Flag } from '../flags.js';
import type { SubmittedFile } from '../submissions/discover.js';
import { type LoopbackCheck, checkLoopback } from './loopback.js';
import type { Ocr } from './ocr.js';
import { PdfUnreadable, readPdf } from './pdf-read.js';
import { expectedReportName, findSections, matchesReportName } from './report-rules.js';

export type ReportStatus = 'ok' | 'missing' | 'format' | 'unreadable';

export interface ReportCheck {
  status: ReportStatus;
  file?: string;
  expectedName: string;
  nameOk: boolean;
  sectionsFound: string[];
  sectionsMissing: string[];
  images: number;
  minImages: number;
  /** Share of the report part earned (sections and the image requirement, equally weighted). */
  fraction: number;
  flags: Flag[];
  notes: string[];
  /** Present when the spec deducts for a load test against this machine (`rubric.loopbackPenalty`). */
  loopback?: LoopbackCheck;
}

const NOT_GRADED = /\.(docx?|hwpx?|odt|pages)$/iu;

/**
 * Finds the report among the files, checks its name, text sections and image count; given an OCR, also whether
 * its text or images show the load test's target was this machine.
 */
export async function checkReport(
  files: SubmittedFile[],
  spec: ReportSpec,
  student: { id: string; name: string },
  loopbackOcr?: Ocr,
): Promise<ReportCheck> {
  const expectedName = expectedReportName(spec.name, student.id, student.name);
  const base = { expectedName, sectionsFound: [], sectionsMissing: [], images: 0, minImages: spec.minImages };
  const named = (f: SubmittedFile) =>
    matchesReportName(path.posix.basename(f.rel), spec.name, student.id, student.name);
  const pdfs = files.filter((f) => f.rel.toLowerCase().endsWith('.pdf'));
  const pdf = pdfs.find(named) ?? pdfs.find((f) => f.rel.includes(student.id)) ?? pdfs[0];
  if (!pdf) {
    const other = files.find((f) => NOT_GRADED.test(f.rel));
    if (other) {
      const note = `report ${other.rel} is not a PDF and is not graded (보고서는 PDF만 채점)`;
      return {
        ...base,
        status: 'format',
        file: other.rel,
        nameOk: false,
        fraction: 0,
        flags: ['REPORT_FORMAT'],
        notes: [note],
      };
    }
    return {
      ...base,
      status: 'missing',
      nameOk: false,
      fraction: 0,
      flags: ['NO_REPORT'],
      notes: ['no report PDF'],
    };
  }
  const nameOk = named(pdf);
  const flags: Flag[] = nameOk ? [] : ['REPORT_NAME'];
  const notes = nameOk ? [] : [`report named ${path.posix.basename(pdf.rel)}, expected ${expectedName}`];
  try {
    const content = await readPdf(pdf.abs, { withImages: loopbackOcr !== undefined });
    const sections = findSections(content.text, spec.sections);
    const imagesOk = content.images >= spec.minImages;
    const parts = spec.sections.length + (spec.minImages > 0 ? 1 : 0);
    const earned = sections.found.length + (spec.minImages > 0 && imagesOk ? 1 : 0);
    if (sections.missing.length) notes.push(`report sections missing: ${sections.missing.join(', ')}`);
    if (!imagesOk) notes.push(`report has ${content.images} image(s), ${spec.minImages} required`);
    if (sections.missing.length || !imagesOk) flags.push('REPORT_SECTIONS');
    const loopback = loopbackOcr
      ? await checkLoopback(content.text, content.imageData ?? [], loopbackOcr)
      : undefined;
    if (loopback) {
      if (loopback.found) flags.push('LOOPBACK');
      notes.push(...loopbackNotes(loopback));
    }
    return {
      ...base,
      status: 'ok',
      file: pdf.rel,
      nameOk,
      sectionsFound: sections.found,
      sectionsMissing: sections.missing,
      images: content.images,
      fraction: parts === 0 ? 1 : earned / parts,
      flags,
      notes,
      ...(loopback ? { loopback } : {}),
    };
  } catch (error) {
    const reason = error instanceof PdfUnreadable ? error.message : String(error);
    notes.push(`report ${pdf.rel} could not be read: ${reason}`);
    return {
      ...base,
      status: 'unreadable',
      file: pdf.rel,
      nameOk,
      sectionsMissing: spec.sections.map((s) => s[0] ?? ''),
      fraction: 0,
      flags: [...flags, 'REPORT_SECTIONS'],
      notes,
    };
  }
}

function loopbackNotes(l: LoopbackCheck): string[] {
  const notes: string[] = [];
  if (l.found)
    notes.push(
      `load test against ${l.found.url} (${l.found.where}): loopback never crosses a NIC (부하 테스트 대상이 이 컴퓨터 자신)`,
    );
  if (l.imagesSkipped) notes.push(`report images not checked for a loopback target: ${l.imagesSkipped}`);
  for (const e of l.imageErrors) notes.push(`report image not read for a loopback target: ${e}`);
  return notes;
}
