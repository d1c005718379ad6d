import net from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a program that must be told its port (nginx, Locust,
 * a student's server). Another process may take it before it is used: prefer `--port 0` where there is one.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
