import type net from 'node:net';
import { parseRequest } from '../http/parse-request.js';

const EMPTY = Buffer.alloc(0);

export interface GateTimeouts {
  /** How long a connection may wait before sending its first byte. */
  idleTimeoutMs: number;
  /** How long its first request head may take from its first byte. */
  headerTimeoutMs: number;
}

/**
 * Holds each new connection until its first request head is complete (or hopeless), then hands it on
 * with the bytes read so far — what Linux's TCP_DEFER_ACCEPT and FreeBSD's accf_http do in the kernel.
 * Models that give a connection a process, a thread or the server's only turn then spend it on a client
 * that has asked for something: a slowloris client waits here, cheaply, until its deadline cuts it.
 */
export class HeadGate {
  private readonly held = new Set<net.Socket>();

  constructor(
    private readonly timeouts: GateTimeouts,
    private readonly pass: (socket: net.Socket, prefix: Buffer) => void,
  ) {}

  admit(socket: net.Socket): void {
    this.held.add(socket);
    let buffered: Buffer = EMPTY;
    let timer = setTimeout(() => socket.destroy(), this.timeouts.idleTimeoutMs);
    const release = (): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      this.held.delete(socket);
    };
    const onData = (chunk: Buffer): void => {
      if (buffered.length === 0) {
        clearTimeout(timer);
        timer = setTimeout(() => socket.destroy(), this.timeouts.headerTimeoutMs);
      }
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (parseRequest(buffered).kind === 'incomplete') return;
      socket.pause();
      release();
      this.pass(socket, buffered);
    };
    // A client that half-closes before finishing a head has asked for nothing: there is nothing to answer.
    const onEnd = (): void => void socket.destroy();
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('error', () => socket.destroy());
    socket.once('close', release);
    socket.resume();
  }

  /** Resets every held connection (the server is closing). */
  clear(): void {
    for (const socket of this.held) socket.destroy();
  }
}
