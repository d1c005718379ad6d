export { type CheckClassOptions, checkClass } from './check-class.js';
export { main as graderCli } from './cli.js';
export { copyVerdicts } from './copy-flags.js';
export {
  EXIT_OK,
  errorLine,
  exitCodeFor,
  GraderError,
  type GraderErrorCode,
} from './errors.js';
export { FLAG_TEXT } from './flag-text.js';
export { FLAGS, type Flag } from './flags.js';
export { applyOverrides, OverrideRow, validateOverrides } from './overrides.js';
export {
  type ClassProgress,
  type ClassResult,
  type GradeClassOptions,
  gradeClass,
  type StudentResult,
} from './grade-class.js';
export { lateDays, lateFactor } from './late-penalty.js';
export { maskName, maskStudentId } from './mask.js';
export { GRADE_COLUMNS, type GradeRow, gradeRows } from './outputs/grade-rows.js';
export { writeOutputs } from './outputs/write-outputs.js';
export { GradeFileRow, readGradesCsv } from './outputs/grades-file.js';
export { publishGrades, publishNote, publishRows } from './publish.js';
export { computeScore, type ScoreBreakdown, type ScoreInput } from './score.js';
export * from './similarity/index.js';
