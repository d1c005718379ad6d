/** A one-line progress bar on a TTY; one line per 10% otherwise (logs stay short). */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let lastDecile = -1;
  return (done: number, total: number, label: string) => {
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
    if (stream.isTTY) {
      stream.write(`\r${line.padEnd(60)}${done === total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((done / Math.max(1, total)) * 10);
    if (decile !== lastDecile || done === total) stream.write(`${line}\n`);
    lastDecile = decile;
  };
}
