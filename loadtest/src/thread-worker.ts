import { parentPort, workerData } from 'node:worker_threads';
import { nowMs } from './clock.js';
import { GeneratorMonitor } from './generator-monitor.js';
import type { LoadOptions } from './options.js';
import { progressOf } from './progress.js';
import { Recorder } from './recorder.js';
import { type EngineName, schedule } from './scheduler.js';
import type { FromWorker, ToWorker } from './worker-pool.js';

/** Entry of one load-generating worker thread: the same scheduler as a single-thread run. */
const { options, engine, requests, phaseSec, live } = workerData as {
  options: LoadOptions;
  engine: EngineName;
  requests?: number;
  phaseSec: number;
  /** Post the whole recorder each second, for a live view of every endpoint. */
  live: boolean;
};
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);
const controller = new AbortController();
let recorder: Recorder | null = null;

port.on('message', async (message: ToWorker) => {
  if (message.type === 'stop') {
    controller.abort(message.reason);
    return;
  }
  if (message.type === 'reset') {
    recorder?.reset(message.atMs);
    return;
  }
  const counted = new Recorder(message.startMs, options.arrivalRate !== undefined);
  recorder = counted;
  const monitor = new GeneratorMonitor();
  counted.onFirstFailure = () => post({ type: 'failure' });
  const run = await schedule(options, engine, counted, {
    signal: controller.signal,
    requests,
    phaseSec,
    onTick: () =>
      post({
        type: 'tick',
        progress: progressOf(counted, nowMs(), options.runTimeSec ?? null),
        state: live ? counted.toState() : null,
      }),
  });
  post({
    type: 'done',
    state: counted.toState(),
    stoppedBy: run.reason,
    stopMs: run.stopMs,
    loopDelayP99Ms: monitor.stop().loopDelayP99Ms,
  });
  port.close();
});
post({ type: 'ready' });
