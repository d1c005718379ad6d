import type { Connection } from '../http/connection.js';

/** The open connections of one server or worker, so shutdown can drain them and wait for the last. */
export class ConnectionSet {
  private readonly open = new Set<Connection>();
  private draining = false;

  add(connection: Connection): Connection {
    this.open.add(connection);
    void connection.done.then(() => this.open.delete(connection));
    if (this.draining) connection.drain();
    return connection;
  }

  get size(): number {
    return this.open.size;
  }

  /** Finish what is in flight and close the rest; resolves when every connection has closed. */
  async drain(): Promise<void> {
    this.draining = true;
    for (const connection of this.open) connection.drain();
    await Promise.all([...this.open].map((c) => c.done));
  }
}
