/** Data in, PDF out: the course's report layout drawn from a LabResults object. */
import type { Chart } from '../output/charts.js';
import { svgToPng } from '../output/png.js';
import type { LabResults } from '../results.js';
import { tablesFor } from '../tables.js';
import { analysisFor } from './analysis.js';
import { excerptsFor } from './code-excerpts.js';
import { GOALS, WEEK_TITLE } from './goals.js';
import { methodFor } from './method.js';
import {
  bullets,
  caption,
  code,
  createDoc,
  finish,
  heading,
  imageFigure,
  numberPages,
  paragraph,
  table,
} from './pdf-writer.js';
import { terminalCaptureSvg } from './terminal-capture.js';

export interface ReportInput {
  results: LabResults;
  charts: Chart[];
  /** The command line shown in the run capture. */
  command: string;
  /** The student's own review; without it the section is left blank for them. */
  review?: string | null;
  /** The student's own captures (PNG or JPEG): the course asks for code explained with screenshots. */
  screenshots?: Screenshot[];
}

/** pdfkit's image mixin measures an image without drawing it; @types/pdfkit leaves the method out. */
interface OpensImages {
  openImage(data: Buffer): { width: number; height: number };
}

export interface Screenshot {
  name: string;
  data: Buffer;
}

/** The section headings the grader looks for (assignments' week specs: 과제 목표, 코드 설명, 실행 결과). */
export const SECTIONS = {
  goal: '1. 과제 목표 (Goal)',
  code: '2. 코드 설명 (Method and code)',
  results: '3. 실행 결과 (Results)',
  analysis: '4. 분석 (Analysis)',
  review: '5. 느낀점 (Review)',
} as const;

/** Raster figures the PDF embeds: the run capture, every chart and the student's screenshots. */
export function figureCount(input: ReportInput): number {
  return 1 + input.charts.length + (input.screenshots?.length ?? 0);
}

const svgSize = (svg: string) => {
  const m = /width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 720, height: 400 };
};

export async function renderReport(input: ReportInput): Promise<Buffer> {
  const { results } = input;
  const title = `컴퓨터네트워크 ${results.week}주차 실습 보고서`;
  const doc = createDoc(title, results.student ? `${results.student.id} ${results.student.name}` : null);

  heading(doc, title, 1);
  paragraph(doc, WEEK_TITLE[results.week]);
  const who = results.student
    ? `학번 ${results.student.id} · 이름 ${results.student.name.normalize('NFC')}`
    : '학번 · 이름: (—)';
  const env = results.environment;
  paragraph(
    doc,
    `${who}\n작성: ${results.generatedAt.slice(0, 10)} · Node ${env.node} · ${env.os} · CPU ${env.cpus}코어 (${env.cpuModel}) · 경로: ${env.path}`,
    { muted: true, size: 9 },
  );

  heading(doc, SECTIONS.goal, 2);
  bullets(doc, GOALS[results.week]);

  heading(doc, SECTIONS.code, 2);
  for (const text of methodFor(results)) paragraph(doc, text);
  for (const e of excerptsFor(results)) {
    heading(doc, e.title, 3);
    code(doc, e.lines, e.firstLine);
    caption(doc, `${e.path}, ${e.firstLine}–${e.firstLine + e.lines.length - 1}행`);
  }
  (input.screenshots ?? []).forEach((shot, i) => {
    const image = (doc as unknown as OpensImages).openImage(shot.data);
    imageFigure(doc, shot.data, image.width, image.height, `화면 ${i + 1}. ${shot.name}`);
  });

  heading(doc, SECTIONS.results, 2);
  const tables = tablesFor(results);
  for (const t of tables) {
    heading(doc, t.title, 3);
    table(doc, t);
  }
  const capture = terminalCaptureSvg(input.command, tables);
  imageFigure(doc, svgToPng(capture.svg), capture.width, capture.height, `실행 화면: ${input.command}`);
  // Charts go in as the PNGs the lab writes: a grader counts raster figures, and they look the same everywhere.
  input.charts.forEach((c, i) => {
    const size = svgSize(c.svg);
    const png = c.png ?? svgToPng(c.svg);
    imageFigure(doc, png, size.width, size.height, `그림 ${i + 1}. ${c.title} (${c.name}.png)`);
  });

  heading(doc, SECTIONS.analysis, 2);
  for (const part of analysisFor(results)) {
    heading(doc, part.title, 3);
    for (const p of part.paragraphs) paragraph(doc, p);
  }

  heading(doc, SECTIONS.review, 2);
  if (input.review?.trim()) {
    paragraph(doc, input.review.normalize('NFC'));
  } else {
    paragraph(
      doc,
      '(학생이 작성: 측정 결과에서 예상과 달랐던 점, 어려웠던 점, 배운 점. pnpm lab report results.json --review 느낀점.txt 로 이 절을 채운 PDF를 다시 만들 수 있다.)',
      { muted: true },
    );
  }

  numberPages(doc);
  return finish(doc);
}
