import { parentPort, workerData } from 'node:worker_threads';
import { serveConnection } from '../http/connection.js';
import { createHandler } from '../http/handler.js';
import { ConnectionSet } from './connection-set.js';
import type { FromThread, ToThread } from './messages.js';
import { PortStream } from './port-stream.js';
import type { WorkerOptions } from './types.js';

// Entry of a worker thread (multithread: one connection then exit; threadpool: many, until told to drain).
const options = workerData as WorkerOptions;
const port = parentPort!;
const handle = createHandler(options.handler);
const connections = new ConnectionSet();
const streams = new Map<number, PortStream>();
const post = (message: FromThread, transfer?: ArrayBuffer[]): void =>
  port.postMessage(message, transfer ?? []);

port.on('message', (message: ToThread) => {
  if (message.t === 'drain') {
    void connections.drain().then(() => process.exit(0));
    return;
  }
  if (message.t === 'open') {
    const stream = new PortStream(message.id, post);
    streams.set(message.id, stream);
    const prefix = Buffer.from(message.prefix.buffer, message.prefix.byteOffset, message.prefix.byteLength);
    const connection = connections.add(serveConnection(stream, handle, options, prefix));
    void connection.done.then(() => {
      streams.delete(message.id);
      // In a worker thread, process.exit ends this thread only.
      if (options.once) process.exit(0);
    });
    return;
  }
  const stream = streams.get(message.id);
  if (!stream) return;
  if (message.t === 'data')
    stream.receive(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
  else if (message.t === 'end') stream.receive(null);
  else if (message.t === 'close') stream.destroy();
  else stream.ack(message.bytes);
});

// Loaded: from here on the thread needs no new descriptor to serve (see ThreadHost.ready).
post({ t: 'ready' });
