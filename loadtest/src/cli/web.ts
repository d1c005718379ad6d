import type { LoadtestError } from '../errors.js';
import type { LoadResult } from '../result.js';
import { createLiveServer } from '../web/live-server.js';
import { loadRoutes } from '../web/load-routes.js';
import { LoadSession } from '../web/load-session.js';
import type { LoadView } from '../web/view.js';
import { isInteractive, type RunCommand, type WebFlags } from './args.js';
import { exitCode, type Io, report } from './main.js';

/**
 * `--web`: the run with its live page. With a load on the command line (-u/-t/-n) the run starts at
 * once and the CLI ends with it, as without --web; without one the page's start form (or POST
 * /swarm) starts runs, each writing the flags' files, until Ctrl-C.
 */
export async function runWeb(command: RunCommand, flags: WebFlags, io: Io): Promise<number> {
  const interactive = isInteractive(command.options);
  let publish: (view: LoadView) => void = () => {};
  let missed: LoadtestError | null = null;
  const finished = async (result: LoadResult) => {
    missed = await report(result, command, io);
  };
  const session = new LoadSession(command.options, interactive, (view) => publish(view), finished);
  const live = createLiveServer('netlab loadtest', loadRoutes(session));
  publish = (view) => live.publish(view);
  publish(session.view());
  const url = await live.listen(flags.port, flags.host);
  io.err(`web view: ${url}\n`);
  let interrupted = false;
  let interrupts = 0;
  try {
    if (!interactive) {
      io.onInterrupt(() => {
        if (++interrupts > 1) io.exit(130);
        io.err('\nstopping (Ctrl-C again to quit at once)…\n');
        session.stop(false);
      });
      const result = await session.start(command.options);
      return exitCode(result, session.stoppedFromPage, missed);
    }
    await new Promise<void>((resolve) => {
      io.onInterrupt(() => {
        if (++interrupts > 1) io.exit(130);
        if (!session.running()) return resolve();
        interrupted = true;
        io.err('\nstopping the run, then the web view (Ctrl-C again to quit at once)…\n');
        session.stop(false);
        session.settled().then(resolve);
      });
    });
    if (interrupted) return 130;
    if (missed) throw missed;
    return 0;
  } finally {
    await live.close();
  }
}
