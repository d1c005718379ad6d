export { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
export { writableDir } from './writable-dir.js';
export { escapeHtml } from './escape-html.js';
export { freePort } from './free-port.js';
export { screenshot, type ScreenshotOptions } from './screenshot.js';
export { isLoopback } from './loopback.js';
export { flagName, formatPath, zodIssuesLine } from './zod-issues.js';
export { benchStamp, STAMP_PREFIX, writeReadmeBlock } from './readme-block.js';
export { CodedError, type ErrorEntry, errorCatalogue } from './error-catalogue.js';
export {
  type GroupCommand,
  groupToken,
  howItEnded,
  outputTail,
  type ProcessGroup,
  signalGroup,
  spawnGroup,
} from './process-group.js';
export { dieWithParent } from './die-with-parent.js';
export { launchChromium } from './chromium.js';
export { folderCycles } from './folder-cycles.js';
export { bundledEntry, typescriptExecArgv, typescriptWorker } from './typescript-runtime.js';
export { argsProblem } from './args-problem.js';
export { messageOf } from './message-of.js';
