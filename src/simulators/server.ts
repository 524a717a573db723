// A small HTTP server that vendor simulators build on: routing, JSON bodies, a log of every
// request received (tests count vendor calls with it) and fault switches (slow, hanging,
// failing or garbage answers, or the work done and the answer lost). Plain node:http: a simulator needs a route table and nothing
// a web framework would add.
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, the raw text when it is not JSON, or null when empty. */
  body: unknown;
  /** Named groups of the route's path pattern. */
  params: Record<string, string>;
}

export interface SimResponse {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST';
  /** An exact path, or a pattern with named groups. */
  path: string | RegExp;
  handle: (request: SimRequest) => SimResponse | Promise<SimResponse>;
}

/**
 * A fault applied to the next `times` requests (all of them when `times` is omitted), or to
 * the next requests on paths ending with `path` when it is given.
 */
export interface Fault {
  path?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (until the simulator closes). */
  hang?: boolean;
  /** Answer with this instead of what the route would say. */
  response?: SimResponse;
  /**
   * Do the work (the route runs and changes the vendor's records), then lose the answer:
   * `hang` never answers (until the simulator closes), `reset` drops the connection.
   */
  lostAnswer?: 'hang' | 'reset';
  times?: number;
}

export abstract class SimulatorServer {
  readonly requests: RecordedRequest[] = [];
  /** The most requests this simulator was handling at once (tests check concurrency limits). */
  peakInFlight = 0;
  /**
   * Latency switch: every answer waits this long first, alike on every vendor (the bench runs
   * with 0 ms and 50 ms vendors). A fault's own delay comes on top.
   */
  latencyMs = 0;
  private inFlight = 0;
  private faults: Fault[] = [];
  private server: Server | undefined;
  /** Aborted on close, so answers still waiting out their latency hold nothing open. */
  private closing = new AbortController();
  private baseUrl = '';

  protected abstract routes(): Route[];

  /**
   * A failure as this vendor reports it inside an HTTP 200 (its envelope's error form), for
   * faults: `inject({ response: sim.errorIn200('…') })`.
   */
  abstract errorIn200(message: string): SimResponse;

  /**
   * Starts on `port` (0: a free one) at `host`; returns the base URL, which names `publicHost`
   * (what clients dial: a container's service name when `host` is 0.0.0.0).
   */
  async start(port = 0, host = '127.0.0.1', publicHost = host): Promise<string> {
    const routes = this.routes();
    this.closing = new AbortController();
    // Every answer waiting out its latency listens to it: that is no leak.
    setMaxListeners(0, this.closing.signal);
    const server = createServer((req, res) => {
      this.inFlight++;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      res.once('close', () => this.inFlight--);
      this.handle(routes, req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `simulator failure: ${String(error)}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    this.server = server;
    this.baseUrl = `http://${publicHost}:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  get url(): string {
    if (!this.server) throw new Error('simulator not started');
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.closing.abort();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests received on paths ending with `suffix`. */
  requestsTo(suffix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(suffix));
  }

  resetRequests(): void {
    this.requests.length = 0;
    this.peakInFlight = 0;
  }

  private async handle(routes: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const text = await readBody(req);
    const body = parseBody(text);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    });

    const fault = this.takeFault(url.pathname);
    if (fault?.hang) return; // the socket stays open until close()
    if (this.latencyMs > 0) await sleep(this.latencyMs, undefined, { signal: this.closing.signal });
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    const response = fault?.response ?? (await this.route(routes, req.method ?? 'GET', url, req, body));
    if (fault?.lostAnswer === 'hang') return;
    if (fault?.lostAnswer === 'reset') {
      req.socket.destroy();
      return;
    }
    send(res, response);
  }

  private takeFault(path: string): Fault | undefined {
    const index = this.faults.findIndex((f) => f.path === undefined || path.endsWith(f.path));
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private async route(
    routes: Route[],
    method: string,
    url: URL,
    req: IncomingMessage,
    body: unknown,
  ): Promise<SimResponse> {
    let pathMatched = false;
    for (const route of routes) {
      const params = matchPath(route.path, url.pathname);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      return route.handle({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body, params });
    }
    return pathMatched
      ? { status: 405, json: { error: 'Method Not Allowed' } }
      : { status: 404, json: { error: `No route for ${url.pathname}` } };
  }
}

function matchPath(pattern: string | RegExp, path: string): Record<string, string> | undefined {
  if (typeof pattern === 'string') return pattern === path ? {} : undefined;
  const match = pattern.exec(path);
  return match ? { ...match.groups } : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(res: ServerResponse, response: SimResponse): void {
  const headers = { ...response.headers };
  let payload = '';
  if (response.json !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    payload = JSON.stringify(response.json);
  } else if (response.text !== undefined) {
    headers['content-type'] ??= 'text/html; charset=utf-8';
    payload = response.text;
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** A JSON answer; the usual case for every simulator. */
export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, ...(headers ? { headers } : {}) };
}
