import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Credentials must never reach a log line, even when a whole config or header object is logged.
const REDACTED_PATHS = [
  '*.token',
  '*.password',
  '*.appSecret',
  '*.accessToken',
  '*.access_token',
  'headers.authorization',
  'headers.token',
  '*.headers.authorization',
  '*.headers.token',
];

const requestScope = new AsyncLocalStorage<string>();

/**
 * Runs `work` so that every line logged while it runs (vendor calls and their failures
 * included, deep in shared clients) carries this request's id.
 */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run(requestId, work);
}

/** `destination` defaults to stdout; tests pass one to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    name: 'lead-graph',
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    mixin: () => {
      const requestId = requestScope.getStore();
      return requestId === undefined ? {} : { requestId };
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
