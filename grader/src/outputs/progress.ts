import type { ClassProgress } from '../grade-class.js';

/** A one-line progress bar on a TTY; one line per 10% otherwise (logs stay short). Shows who is being graded. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let lastDecile = -1;
  return ({ done, total, running }: ClassProgress) => {
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const now = running.length ? ` running ${running.length}: ${running.join(', ')}` : '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} done${now}`;
    if (stream.isTTY) {
      stream.write(`\r${line.padEnd(72)}${done === total && !running.length ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((done / Math.max(1, total)) * 10);
    if (decile !== lastDecile || (done === total && !running.length)) stream.write(`${line}\n`);
    lastDecile = decile;
  };
}
