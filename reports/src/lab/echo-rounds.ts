/** Week 2: sequential round trips on one connection; every reply must be the exact bytes sent. */
import { connect, type Socket } from 'node:net';
import type { EchoResult, Subject } from '../results.js';

const BUCKETS_MS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000];

function open(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends one message and resolves with the round-trip time once the same bytes came back. */
function roundTrip(socket: Socket, message: Buffer, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const started = process.hrtime.bigint();
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got < message.length) return;
      cleanup();
      const reply = Buffer.concat(chunks);
      if (reply.equals(message)) resolve(Number(process.hrtime.bigint() - started) / 1e6);
      else
        reject(
          new Error(
            `echo differs: sent ${JSON.stringify(message.toString())}, got ${JSON.stringify(reply.toString())}`,
          ),
        );
    };
    const onClose = () => {
      cleanup();
      reject(new Error('server closed the connection'));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no echo within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.write(message);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function histogram(samples: number[]): { leMs: number; count: number }[] {
  const counts = BUCKETS_MS.map((leMs) => ({ leMs, count: 0 }));
  for (const s of samples) {
    const bucket = counts.find((c) => s <= c.leMs) ?? counts.at(-1)!;
    bucket.count++;
  }
  // Trim empty buckets at both ends so the chart shows only the range that happened.
  const first = counts.findIndex((c) => c.count > 0);
  const last = counts.findLastIndex((c) => c.count > 0);
  return first < 0 ? [] : counts.slice(first, last + 1);
}

export async function echoRounds(
  subject: Subject,
  host: string,
  port: number,
  messages: number,
): Promise<EchoResult> {
  const samples: number[] = [];
  let error: string | null = null;
  const started = process.hrtime.bigint();
  let socket: Socket | null = null;
  try {
    socket = await open(host, port);
    for (let i = 0; i < messages; i++) {
      // Hangul in the payload checks the server echoes bytes, not characters.
      samples.push(await roundTrip(socket, Buffer.from(`netlab echo #${i} 안녕\n`), 3000));
    }
  } catch (e) {
    error = (e as Error).message;
  } finally {
    socket?.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    subject,
    messages: samples.length,
    errors: error ? 1 : 0,
    messagesPerSec: seconds > 0 ? samples.length / seconds : 0,
    latencyMs: {
      avg: samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : 0,
      min: sorted[0] ?? 0,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
    },
    histogram: histogram(samples),
    error,
  };
}
