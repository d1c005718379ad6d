import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkReport } from '../src/checks/report.js';
import type { SubmittedFile } from '../src/submissions/discover.js';
import { reportPdf } from './fixtures/pdf.js';
import { useTempDir } from './fixtures/temp-dir.js';

const spec = {
  name: 'CN_6_{studentId}_{name}.pdf',
  sections: [['과제목표', '과제 목표', 'Goal'], ['코드 설명'], ['실행 결과', 'Results']],
  minImages: 2,
};
const student = { id: '2017123422', name: '배준현' };
const good = 'CN_6_2017123422_배준현.pdf';
const tmp = useTempDir('report');

async function file(name: string, data: Buffer | string): Promise<SubmittedFile> {
  const abs = path.join(tmp(), `${Math.random().toString(36).slice(2)}-${name}`);
  await writeFile(abs, data);
  return { rel: name.normalize('NFC'), abs };
}

const pdf = (sections: string[], images: number, userPassword?: string) =>
  reportPdf({ title: '컴퓨터네트워크 보고서', sections, images, userPassword });

describe('checkReport', () => {
  it('accepts a well-named PDF with every section and enough images', async () => {
    const r = await checkReport(
      [await file(good, await pdf(['1. 과제 목표', '2. 코드 설명', '3. 실행 결과'], 2))],
      spec,
      student,
    );
    expect(r).toMatchObject({ status: 'ok', nameOk: true, images: 2, fraction: 1, flags: [], notes: [] });
  });

  it('flags missing sections and too few images, with the share earned', async () => {
    const r = await checkReport([await file(good, await pdf(['Goal', '실행결과'], 1))], spec, student);
    expect(r.flags).toEqual(['REPORT_SECTIONS']);
    expect(r.sectionsMissing).toEqual(['코드 설명']);
    expect(r.fraction).toBeCloseTo(2 / 4);
    expect(r.notes).toEqual(['report sections missing: 코드 설명', 'report has 1 image(s), 2 required']);
  });

  it('flags a misnamed report but still grades it; an NFD name is fine', async () => {
    const misnamed = await checkReport(
      [await file('보고서.pdf', await pdf(['과제목표', '코드 설명', 'Results'], 2))],
      spec,
      student,
    );
    expect(misnamed.flags).toEqual(['REPORT_NAME']);
    expect(misnamed.fraction).toBe(1);
    const nfd = await checkReport(
      [await file(good.normalize('NFD'), await pdf(['과제목표', '코드 설명', 'Results'], 2))],
      spec,
      student,
    );
    expect(nfd.nameOk).toBe(true);
  });

  it('does not grade .docx or .hwp reports', async () => {
    const r = await checkReport(
      [await file('CN_6_2017123422_배준현.hwp', 'HWP Document File')],
      spec,
      student,
    );
    expect(r).toMatchObject({ status: 'format', flags: ['REPORT_FORMAT'], fraction: 0 });
  });

  it('says NO_REPORT when there is no report at all', async () => {
    const r = await checkReport([await file('server.py', 'print(1)')], spec, student);
    expect(r).toMatchObject({ status: 'missing', flags: ['NO_REPORT'] });
  });

  it('gives a reason for an encrypted or a corrupt PDF', async () => {
    const locked = await checkReport(
      [await file(good, await pdf(['과제 목표'], 0, 'secret'))],
      spec,
      student,
    );
    expect(locked.status).toBe('unreadable');
    expect(locked.notes).toEqual([`report ${good} could not be read: the PDF is password-protected`]);
    const whole = await pdf(['과제 목표'], 0);
    const corrupt = await checkReport([await file(good, whole.subarray(0, 200))], spec, student);
    expect(corrupt).toMatchObject({ status: 'unreadable', flags: ['REPORT_SECTIONS'], fraction: 0 });
    expect(corrupt.notes[0]).toMatch(/could not be read: the PDF (is corrupt|could not be parsed)/);
  });

  it('prefers the PDF that follows the name rule when there are several', async () => {
    const files = [
      await file('draft.pdf', await pdf([], 0)),
      await file(good, await pdf(['과제 목표', '코드 설명', 'Results'], 2)),
    ];
    expect((await checkReport(files, spec, student)).file).toBe(good);
  });
});
