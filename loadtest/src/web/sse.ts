import type { ServerResponse } from 'node:http';

/**
 * Server-Sent Events to every open page (the WHATWG HTML standard, "Server-sent events"): each
 * view is one `data:` line of JSON. A page that connects late gets the latest view at once.
 */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private latest: string | null = null;

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    if (this.latest !== null) res.write(this.latest);
  }

  publish(view: unknown): void {
    this.latest = `data: ${JSON.stringify(view)}\n\n`;
    for (const res of this.clients) res.write(this.latest);
  }

  /** Tells pages the server is going away (they close their stream instead of retrying), then ends each stream. */
  end(): void {
    for (const res of this.clients) res.end('event: end\ndata: {}\n\n');
    this.clients.clear();
  }
}
