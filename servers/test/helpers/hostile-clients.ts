import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Conversation } from './raw-http.js';
import { descendants } from './spawn-serve.js';

const HOST = '127.0.0.1';

/** Resident memory of a process and all its descendants, in bytes, read from /proc. */
export function treeRss(pid: number): number {
  let kib = 0;
  for (const member of [pid, ...descendants(pid)]) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // Gone while we looked.
    }
  }
  return kib * 1024;
}

/** Samples `treeRss` every 100 ms until stopped; resolves with the highest value seen. */
export function watchRss(pid: number): { stop: () => number } {
  let highest = treeRss(pid);
  const timer = setInterval(() => {
    highest = Math.max(highest, treeRss(pid));
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(highest, treeRss(pid));
    },
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * A normal client: `count` keep-alive GETs of / one after another on one connection; the median time
 * from writing a request to having its whole response, in milliseconds.
 */
export async function normalClientMedian(port: number, count = 15): Promise<number> {
  const client = new Conversation(port);
  await client.connected;
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      client.send('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const response = await client.next();
      if (response.status !== 200) throw new Error(`normal client got ${response.status}`);
      times.push(performance.now() - start);
    }
  } finally {
    client.destroy();
  }
  return median(times);
}

export interface FloodResult {
  /** The status line the server answered with, if any. */
  statusLine: string | undefined;
  bytesSent: number;
}

/**
 * Announces a 100 GB body on a GET and keeps sending it as fast as the server takes it, for at most
 * `forMs`, or until the server closes the connection.
 */
export function bodyFlood(port: number, forMs: number): Promise<FloodResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: HOST });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let bytesSent = 0;
    let reply = '';
    let stopped = false;
    const finish = (): void => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ statusLine: reply.split('\r\n')[0] || undefined, bytesSent });
    };
    const timer = setTimeout(finish, forMs);
    const pour = (): void => {
      while (!stopped && !socket.destroyed) {
        bytesSent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pour);
          return;
        }
      }
    };
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      reply += text;
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000000000\r\n\r\n');
      pour();
    });
  });
}

/** `count` connections that each send one byte of a request head and then one more every `everyMs`. */
export async function slowloris(
  port: number,
  count: number,
  everyMs: number,
): Promise<{ open: () => number; stop: () => void }> {
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Socket>((resolve) => {
          const socket = net.connect({ port, host: HOST });
          socket.on('error', () => {});
          socket.resume();
          socket.once('connect', () => {
            socket.write('G');
            resolve(socket);
          });
        }),
    ),
  );
  const timer = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write('E');
  }, everyMs);
  return {
    open: () => sockets.filter((socket) => !socket.destroyed && !socket.readableEnded).length,
    stop() {
      clearInterval(timer);
      for (const socket of sockets) socket.destroy();
    },
  };
}

/**
 * Sends a request head one byte every `everyMs`; resolves with how many bytes were sent and how long it
 * took until the server closed the connection.
 */
export function dribble(port: number, everyMs: number): Promise<{ bytes: number; closedAfterMs: number }> {
  const head = `GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(200)}\r\n\r\n`;
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: HOST });
    const start = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < head.length) socket.write(head[sent++]!);
    }, everyMs);
    socket.on('error', () => {});
    socket.resume();
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ bytes: sent, closedAfterMs: performance.now() - start });
    });
  });
}
