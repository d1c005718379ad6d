import { parentPort, workerData } from 'node:worker_threads';
import { nowMs } from './clock.js';
import { GeneratorMonitor } from './generator-monitor.js';
import type { LoadOptions } from './options.js';
import { progressOf } from './progress.js';
import { Recorder } from './recorder.js';
import { type EngineName, schedule } from './scheduler.js';
import type { FromWorker, ToWorker } from './worker-pool.js';

/** Entry of one load-generating worker thread: the same scheduler as a single-thread run. */
const { options, engine, requests, phaseSec } = workerData as {
  options: LoadOptions;
  engine: EngineName;
  requests?: number;
  phaseSec: number;
};
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);
const controller = new AbortController();

port.on('message', async (message: ToWorker) => {
  if (message.type === 'stop') {
    controller.abort(message.reason);
    return;
  }
  const recorder = new Recorder(message.startMs, options.arrivalRate !== undefined);
  const monitor = new GeneratorMonitor();
  recorder.onFirstFailure = () => post({ type: 'failure' });
  const run = await schedule(options, engine, recorder, {
    signal: controller.signal,
    requests,
    phaseSec,
    onTick: () => post({ type: 'tick', progress: progressOf(recorder, nowMs(), options.runTimeSec ?? null) }),
  });
  post({
    type: 'done',
    state: recorder.toState(),
    stoppedBy: run.reason,
    stopMs: run.stopMs,
    loopDelayP99Ms: monitor.stop().loopDelayP99Ms,
  });
  port.close();
});
post({ type: 'ready' });
