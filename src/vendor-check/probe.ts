// One vendor's check as data and the session that runs it: a fixed list of read-only steps,
// each one HTTP call judged against the dialects our adapter knows.
//
// The calls go through a plain undici client of their own, not the adapters' VendorHttpClient:
// the check must see every answer as it came (status and body, also of a 401 or a 404), which
// the production client turns into errors, and must never retry, queue or hold.
import { Agent, request } from 'undici';
import type { Vendor } from '../model/models.js';

/**
 * What one step found out:
 * - `confirmed`: the answer is the dialect our adapter expects first (the simulator's default);
 * - `fallback`: the adapter reads it, through one of the other dialects it accepts;
 * - `unknown-shape`: no dialect we know matched (the report gives its keys and types);
 * - `failed`: the vendor refused or could not be reached (credentials, path, timeout…);
 * - `skipped`: not run (Zen without `--zen`, or an earlier step it needs failed).
 */
export type Verdict = 'confirmed' | 'fallback' | 'unknown-shape' | 'failed' | 'skipped';

export interface ProbeRequest {
  method: 'GET' | 'POST';
  /** Relative to the vendor's base URL; may carry its own query string (Zen's URL). */
  path: string;
  searchParams?: Record<string, string | number>;
  headers?: Record<string, string>;
  json?: unknown;
}

export interface ProbeAnswer {
  status: number;
  /** The parsed JSON body; the text when it is not JSON (`notJson`); null when empty. */
  body: unknown;
  notJson: boolean;
}

/** How a step judged its answer. */
export interface Judgement {
  verdict: Verdict;
  /** The envelope's verdict-making members, e.g. `code=0` or `status.code=NOT_FOUND` (codes only). */
  envelope?: string;
  /** The known dialect the answer matched. */
  dialect?: string;
  /** The answer's keys and types, when it matched no dialect (describeShape: never a value). */
  shape?: string;
  /** What this means, in a sentence (never a value from the answer). */
  note: string;
  /** What the operator should do about it. */
  advice?: string;
}

/** What a step may learn for the steps after it. */
export interface ProbeState {
  token?: string;
  /** A lead id seen in a list page, for reads that need a real lead (never written to). */
  leadId?: string;
}

export interface StepContext {
  state: ProbeState;
  /** One HTTP call, timed and recorded; a transport failure throws ProbeTransportError. */
  call: (request: ProbeRequest) => Promise<ProbeAnswer>;
  /** A value to scrub from everything kept (a token just issued). */
  addSecret: (secret: string) => void;
}

export interface ProbeStep {
  name: string;
  /** What the step settles, for people. */
  capability: string;
  /** Whether the server depends on it: a failure then makes the check exit non-zero. */
  reliedOn: boolean;
  /** The judgement, or a reason to skip the step (an earlier step did not give what it needs). */
  run(context: StepContext): Promise<Judgement | { skip: string }>;
}

export interface VendorProbe {
  vendor: Vendor;
  baseUrl: string;
  timeoutMs: number;
  /** Credentials from the configuration, scrubbed from everything kept. */
  secrets: readonly string[];
  steps: readonly ProbeStep[];
  /** How many first steps make the start-up check (a token and one cheap read); 0: none. */
  startupSteps: number;
  /** Its calls spend a window of a published rate limit (the report says whether one was spent). */
  spendsRateWindow?: boolean;
}

/** A call that got no HTTP answer; `reason` is a code or a bound, never a URL. */
export class ProbeTransportError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** One call as it happened, kept in memory for the transcript (anonymised when written). */
export interface RecordedCall {
  step: string;
  request: ProbeRequest;
  answer: ProbeAnswer | { transportError: string };
  durationMs: number;
}

/** Runs a vendor's calls: one connection pool, no retries, every call bounded and recorded. */
export class ProbeSession {
  readonly calls: RecordedCall[] = [];
  readonly secrets: string[];
  private readonly agent = new Agent({ connections: 1 });
  private readonly prefix: string;

  constructor(private readonly probe: VendorProbe) {
    this.secrets = [...probe.secrets];
    this.prefix = probe.baseUrl.replace(/\/*$/, '/');
  }

  async call(step: string, probeRequest: ProbeRequest): Promise<{ answer: ProbeAnswer; durationMs: number }> {
    const url = new URL(this.prefix + probeRequest.path.replace(/^\//, ''));
    for (const [name, value] of Object.entries(probeRequest.searchParams ?? {})) {
      url.searchParams.append(name, String(value));
    }
    const hasBody = probeRequest.json !== undefined;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await request(url, {
        method: probeRequest.method,
        dispatcher: this.agent,
        headers: {
          accept: 'application/json',
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          ...probeRequest.headers,
        },
        body: hasBody ? JSON.stringify(probeRequest.json) : null,
        signal: AbortSignal.timeout(this.probe.timeoutMs),
      });
      const text = await response.body.text();
      const answer = parseBody(response.statusCode, text);
      const durationMs = elapsed();
      this.calls.push({ step, request: probeRequest, answer, durationMs });
      return { answer, durationMs };
    } catch (error) {
      const reason = transportReason(error, this.probe.timeoutMs);
      this.calls.push({ step, request: probeRequest, answer: { transportError: reason }, durationMs: elapsed() });
      throw new ProbeTransportError(reason);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function parseBody(status: number, text: string): ProbeAnswer {
  if (text.trim() === '') return { status, body: null, notJson: false };
  try {
    return { status, body: JSON.parse(text) as unknown, notJson: false };
  } catch {
    return { status, body: text, notJson: true };
  }
}

function transportReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined)?.code : undefined;
  return `could not be reached (${code ?? cause ?? 'UNKNOWN'})`;
}
