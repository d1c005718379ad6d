import type { TcpCheck } from '@netlab/assignments';
import { type ProbeResult, rawExchange } from './http-probe.js';

/** Sends `send`, expects `expect` (default: the same bytes, an echo) back before the timeout. */
export async function runTcpCheck(port: number, check: TcpCheck, timeoutMs: number): Promise<ProbeResult> {
  const expected = Buffer.from(check.expect ?? check.send, 'utf8');
  const label = tcpCheckLabel(check);
  let data: Buffer;
  try {
    data = await rawExchange(port, check.send, timeoutMs, (got) => got.length >= expected.length);
  } catch (error) {
    return { label, ok: false, answered: false, detail: (error as Error).message };
  }
  if (data.subarray(0, expected.length).equals(expected))
    return { label, ok: true, answered: true, detail: `${expected.length} bytes back` };
  const shown = JSON.stringify(data.toString('utf8').slice(0, 40));
  return {
    label,
    ok: false,
    answered: true,
    detail: `got ${data.length} bytes ${shown}, expected ${expected.length} bytes`,
  };
}

export function tcpCheckLabel(check: TcpCheck): string {
  return check.name ?? `echo ${JSON.stringify(check.send.slice(0, 20))}`;
}
