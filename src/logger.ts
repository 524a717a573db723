import { pino, type DestinationStream, type Logger } from 'pino';
// sonic-boom is CommonJS: its class is a property of the module, not an ESM named export.
import sonicBoom, { type SonicBoom } from 'sonic-boom';

export type { Logger };

// Credentials must never reach a log line, even when a whole config or header object is logged:
// these keys are censored in any object logged at the top of a line and in its `headers`, and in
// a logged error's own fields (a library's error may carry its request's options). Child loggers
// bind request ids only.
// Written here rather than with pino's `redact` paths (`*.token`…): those cost ~25 µs on every
// line, 2 % of a whole request with its one log line (issue 16's profile); this costs nothing
// for a line without objects and copies only an object that holds a secret.
const SECRET_KEYS = ['token', 'password', 'appSecret', 'accessToken', 'access_token', 'authorization'];
const CENSOR = '[REDACTED]';

function withoutSecrets(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  let safe = value;
  const censor = (key: string, replacement: unknown) => {
    if (safe === value) safe = { ...value };
    safe[key] = replacement;
  };
  for (const key of SECRET_KEYS) if (value[key] !== undefined) censor(key, CENSOR);
  const headers = value['headers'];
  if (depth > 0 && isRecord(headers)) {
    const safeHeaders = withoutSecrets(headers, 0);
    if (safeHeaders !== headers) censor('headers', safeHeaders);
  }
  return safe;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

/** The fields of a log line, each object among them without its secrets. */
export function redactLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  let safe = fields;
  for (const key in fields) {
    const value = fields[key];
    if (!isRecord(value)) continue;
    const safeValue = key === 'headers' ? withoutSecrets(value, 0) : withoutSecrets(value, 1);
    if (safeValue === value) continue;
    if (safe === fields) safe = { ...fields };
    safe[key] = safeValue;
  }
  return safe;
}

/**
 * `destination` defaults to stdout, written asynchronously and in batches (LOG_BATCH_BYTES or
 * LOG_BATCH_MS, whichever comes first): a line per operation would otherwise cost a write on
 * every request. What is still buffered at exit is written by exitAfterLogs, within a bound.
 * Tests pass a destination to read what was logged.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    name: 'lead-graph',
    level,
    formatters: { log: redactLogFields },
    serializers: { err: (error: Error) => withoutSecrets(redactLogFields(pino.stdSerializers.err(error)), 0) },
  };
  return pino(options, destination ?? batchedStdout());
}

/**
 * Lines are handed to stdout together once this many bytes wait (~15 operation lines)…
 * Decision 0122: one write per line was ~4 % of the CPU of a `lead` by id.
 */
export const LOG_BATCH_BYTES = 4096;
/** …or this long after the first of them, whichever comes first. */
export const LOG_BATCH_MS = 100;

let waiting: string[] = [];
let waitingBytes = 0;
let batchTimer: NodeJS.Timeout | undefined;

function batchedStdout(): DestinationStream {
  const sink = stdoutSink();
  return {
    write(line: string) {
      // Past exitAfterLogs' hand-over: straight to the sink, which is being ended.
      if (ending) return void sink.write(line);
      waiting.push(line);
      waitingBytes += line.length;
      if (waitingBytes >= LOG_BATCH_BYTES) handOver(sink);
      else batchTimer ??= setTimeout(() => handOver(sink), LOG_BATCH_MS).unref();
    },
  };
}

/** The waiting lines go to the sink, as one write. */
function handOver(sink: SonicBoom): void {
  if (batchTimer) clearTimeout(batchTimer);
  batchTimer = undefined;
  if (waiting.length === 0) return;
  const lines = waiting.join('');
  waiting = [];
  waitingBytes = 0;
  sink.write(lines);
}

/** How long an exit waits for the lines already logged to reach stdout. */
export const LOG_FLUSH_BOUND_MS = 1_000;
/** Lines waiting for a stdout nobody reads are dropped past this, rather than filling memory. */
const MAX_BUFFERED_LOG_BYTES = 16 * 1024 * 1024;

let stdout: SonicBoom | undefined;
let ending = false;

// Our own SonicBoom rather than pino.destination(): pino flushes its own synchronously on exit,
// and sonic-boom 4's synchronous flush retries a failed write forever, so with stdout's reader
// gone (EPIPE) or never reading, every exit path hung in a futex. This one is flushed only by
// exitAfterLogs, asynchronously and within a bound.
function stdoutSink(): SonicBoom {
  if (stdout) return stdout;
  const sink = new sonicBoom.SonicBoom({ fd: 1, sync: false, maxLength: MAX_BUFFERED_LOG_BYTES });
  // Nobody reads stdout any more (EPIPE): logging stops mattering, serving does not.
  sink.on('error', () => undefined);
  stdout = sink;
  return sink;
}

/**
 * Ends the process with `code` once the lines logged so far are written to stdout, or after
 * `boundMs` if stdout cannot take them: an exit never depends on the log sink.
 */
export function exitAfterLogs(code: number, boundMs: number = LOG_FLUSH_BOUND_MS): void {
  const exit = () => process.exit(code);
  const sink = stdout;
  if (!sink) return exit();
  setTimeout(exit, boundMs);
  sink.once('close', exit);
  if (ending) return;
  ending = true;
  handOver(sink);
  sink.end();
}
