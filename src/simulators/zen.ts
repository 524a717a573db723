// Zen CRM's "Totais de Distribuição de Leads por usuários" as its page describes it: `GET` on the
// URL from Zen's Integration screen with the date (YYYY-mm-dd) in it, the `token` header, one
// request per token every 5 minutes (HTTP 429 otherwise), `{data, usuarios[], erros{}}` with
// counts as strings, errors as `{"error": "…"}` with 400/401/405/429/500.
// Where the page is silent, this simulator chooses (here, and only here):
// - the path: `/integracao/totais-distribuicao/<date>` (the Integration URL is the part before
//   the date; the date is its last path segment);
// - which requests start the 5-minute window: every authenticated one that is not itself refused
//   with 429 (so a 400 for a bad date counts too; a 401 does not);
// - a 429 carries `Retry-After` with the seconds left (switch off with `retryAfterHeader = false`);
// - any valid date gets the seed totals unless a test set its own payload with `setTotals`;
// - errors come with their HTTP status (the default) or, in the `errorDialect` 'http-200', as
//   `{"error": "…"}` in an HTTP 200 (the page shows the body, and some PHP back ends answer
//   every error with 200); `failure` makes every authenticated call fail (e.g. a 500).
import { zenSeedTotals } from './zen-seed.js';
import { SimulatorServer, json, type Route, type SimRequest, type SimResponse } from './server.js';

export const ZEN_SIMULATOR_PATH = '/integracao/totais-distribuicao';
const WINDOW_MS = 5 * 60_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** How Zen answers an error: with its HTTP status, or `{error}` in an HTTP 200. */
export type ZenErrorDialect = 'http-status' | 'http-200';
export const ZEN_ERROR_DIALECTS: readonly ZenErrorDialect[] = ['http-status', 'http-200'];

export interface ZenSimulatorOptions {
  token?: string;
  /** The simulator's own clock (the 5-minute rule). @default Date.now */
  now?: () => number;
}

export class ZenSimulator extends SimulatorServer {
  readonly token: string;
  /** The simulator's clock; tests may replace it. */
  now: () => number;
  /** Whether a 429 says when to come back. */
  retryAfterHeader = true;
  /** Dialect switch: how errors are answered (see the top of this file). */
  errorDialect: ZenErrorDialect = 'http-status';
  /** Fault switch: every authenticated call fails with this status and message. */
  failure: { status: number; message: string } | null = null;
  /** Time of the last request that started a window, per token. */
  private readonly lastCallAt = new Map<string, number>();
  private readonly payloads = new Map<string, unknown>();

  constructor(options: ZenSimulatorOptions = {}) {
    super();
    this.token = options.token ?? 'zen-simulator-token';
    this.now = options.now ?? Date.now;
  }

  /** The URL Zen's Integration screen would show (ZEN_URL). */
  get integrationUrl(): string {
    return `${this.url}${ZEN_SIMULATOR_PATH}`;
  }

  /** Answer `payload` (any JSON, even a malformed one) for `date` from now on. */
  setTotals(date: string, payload: unknown): void {
    this.payloads.set(date, payload);
  }

  /** Forgets every token's window (a new test, or Zen's wait being over). */
  resetBudget(): void {
    this.lastCallAt.clear();
  }

  /** Calls that Zen answered or refused, with their dates. */
  get calls(): string[] {
    return this.requests
      .filter((r) => r.path.startsWith(`${ZEN_SIMULATOR_PATH}/`))
      .map((r) => r.path.split('/').pop() ?? '');
  }

  errorIn200(message: string): SimResponse {
    return json(200, { error: message });
  }

  protected routes(): Route[] {
    const pattern = new RegExp(`^${ZEN_SIMULATOR_PATH}/(?<date>[^/]*)$`);
    return [{ method: 'GET', path: pattern, handle: (r) => this.totals(r) }];
  }

  private totals(request: SimRequest): SimResponse {
    const token = request.headers['token'];
    if (token !== this.token) return this.error(401, 'Token inválido ou não informado');

    const now = this.now();
    const last = this.lastCallAt.get(token);
    if (last !== undefined && now - last < WINDOW_MS) {
      const seconds = Math.ceil((last + WINDOW_MS - now) / 1000);
      return this.error(
        429,
        'Muitas requisições: aguarde 5 minutos entre as requisições',
        this.retryAfterHeader ? { 'retry-after': String(seconds) } : undefined,
      );
    }
    this.lastCallAt.set(token, now);
    if (this.failure) return this.error(this.failure.status, this.failure.message);

    const date = decodeURIComponent(request.params['date'] ?? '');
    if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      return this.error(400, 'Data inválida: use o formato YYYY-mm-dd');
    }
    return json(200, this.payloads.has(date) ? this.payloads.get(date) : zenSeedTotals(date));
  }

  private error(status: number, message: string, headers?: Record<string, string>): SimResponse {
    return this.errorDialect === 'http-200' ? json(200, { error: message }) : json(status, { error: message }, headers);
  }
}
