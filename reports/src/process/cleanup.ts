/**
 * Last-resort cleanup: whatever the lab started (server process groups, network namespaces) is registered here
 * and torn down on normal exit, Ctrl-C, SIGTERM and crashes. Handlers must be synchronous because Node's 'exit'
 * event cannot wait for promises.
 */
type Cleanup = () => void;

const cleanups = new Map<number, Cleanup>();
let nextId = 1;
let installed = false;

function runAll(): void {
  for (const [id, fn] of [...cleanups].reverse()) {
    cleanups.delete(id);
    try {
      fn();
    } catch {
      // Keep going: one failed teardown must not leave the others running.
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
}

/**
 * For the CLI only (a library must not take over a host's signals, e.g. jest's): Ctrl-C, SIGTERM, SIGHUP and
 * crashes run every teardown before the process ends.
 */
export function installExitHandlers(): void {
  install();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nlab: ${signal} — stopping servers and cleaning up\n`);
      runAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('uncaughtException', (error) => {
    runAll();
    process.stderr.write(`lab: crashed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}

/** Registers a synchronous teardown; call the returned function once it has been done the normal way. */
export function registerCleanup(fn: Cleanup): () => void {
  install();
  const id = nextId++;
  cleanups.set(id, fn);
  return () => {
    cleanups.delete(id);
  };
}

/** How many teardowns are still pending (tests assert zero after a run). */
export function pendingCleanups(): number {
  return cleanups.size;
}
