// The one way this server stops: stop accepting, let in-flight requests finish (up to a bound),
// cut what is left. Hand-written rather than Apollo's drain plugin because that plugin must be
// given the HTTP server when Apollo is built, and ours is made later around the web app; the
// work is Node's own server.close() plus making finished answers close their connections.
import type { Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private readonly closers: ((timeoutMs: number) => Promise<void>)[] = [];

  /** True once a stop began: readiness answers 503 from then on. */
  get stopping(): boolean {
    return this.draining;
  }

  /** Told of every request first, so a stop can close each connection after its answer. */
  track(res: ServerResponse): void {
    if (this.draining) res.setHeader('connection', 'close');
    this.inFlight.add(res);
    res.once('close', () => this.inFlight.delete(res));
  }

  /**
   * Also closed when the server stops accepting, within the same bound: connections that
   * server.close() does not end (WebSockets: src/http/subscriptions.ts).
   */
  alsoClose(close: (timeoutMs: number) => Promise<void>): void {
    this.closers.push(close);
  }

  /**
   * Answers 503 on readiness at once but keeps `server` accepting for `delayMs`, then stops it
   * accepting, waits for the requests in flight for at most `timeoutMs`, and closes every
   * connection left. Resolves once the server is closed; `cut` says whether requests were still
   * running at the bound.
   */
  async drain(server: Server, timeoutMs: number, delayMs = 0): Promise<{ cut: number }> {
    this.draining = true;
    // A load balancer learns of the stop only when it next probes /ready or sees the endpoint
    // removed; until then it still sends connections here, which are served (each answer closes
    // its connection) instead of refused.
    if (delayMs > 0) await sleep(delayMs);
    // Keep-alive connections would otherwise stay open, idle, after their last answer.
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const others = Promise.all(this.closers.map((close) => close(timeoutMs)));
    let cut = 0;
    const bound = setTimeout(() => {
      cut = this.inFlight.size;
      server.closeAllConnections();
    }, timeoutMs);
    await Promise.all([closed, others]);
    clearTimeout(bound);
    return { cut };
  }
}
